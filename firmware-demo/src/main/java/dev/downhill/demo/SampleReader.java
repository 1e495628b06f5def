package dev.downhill.demo;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads labelled sensor samples from a byte stream, one per line: {@code featureCount} decimal integers
 * then the label, separated by commas (spaces and tabs around them are ignored). Lines starting with
 * {@code #} and blank lines are skipped, and so is one header line (a first non-comment line that starts
 * with a letter, as in the datasets' CSV files). A serial port, a file or a bundled resource are all just
 * an {@link InputStream} here.
 *
 * <p>Ownership: the reader borrows the stream (it never closes it) and owns one read buffer allocated in
 * the constructor; {@link #next(int[])} allocates nothing unless it throws. Values must fit in a Java
 * {@code short}, the width of the runtime's raw sensor input.
 */
public final class SampleReader {

    /* IMPLEMENTATION NOTES
     * The reader keeps its own buffer instead of wrapping the stream in a BufferedInputStream: a board's
     * UART driver is an InputStream and nothing more, and one fixed buffer is the whole memory story.
     * Parsing is a byte-at-a-time state machine over that buffer, so lines of any length work and the
     * column of a fault is exact. */

    private static final int BUFFER_BYTES = 512;

    private final InputStream in;
    private final String source;
    private final int featureCount;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int bufferLength;
    private int bufferPosition;
    private boolean endOfStream;

    private int line;
    private int column;
    private int label = -1;
    private int sampleLine;
    private boolean sawSample;
    private boolean sawHeader;

    /**
     * @param in the stream to read; borrowed, never closed
     * @param source a name for the stream in error messages (a file name, "stdin")
     * @param featureCount the number of feature values before the label on each line
     */
    public SampleReader(InputStream in, String source, int featureCount) {
        if (in == null || source == null) {
            throw new IllegalArgumentException("stream and source name are required");
        }
        if (featureCount < 1) {
            throw new IllegalArgumentException("featureCount must be at least 1");
        }
        this.in = in;
        this.source = source;
        this.featureCount = featureCount;
    }

    /**
     * Reads the next sample into {@code features} (its first {@code featureCount} entries).
     *
     * @return false at the end of the stream, true when a sample was read; its label is {@link #label()}
     * @throws SampleFormatException when a line is malformed (the message names line and column)
     * @throws IOException when the stream fails
     */
    public boolean next(int[] features) throws IOException {
        if (features.length < featureCount) {
            throw new IllegalArgumentException("features array is shorter than featureCount");
        }
        while (true) {
            int first = peekLineStart();
            if (first < 0) {
                return false;
            }
            if (first == '#' || first == '\n' || first == '\r') {
                skipLine();
                continue;
            }
            if (!sawSample && !sawHeader && isLetter(first)) {
                sawHeader = true;
                skipLine();
                continue;
            }
            parseLine(features);
            sawSample = true;
            return true;
        }
    }

    /** The stream's name in error messages. */
    public String source() {
        return source;
    }

    /** The label of the sample last returned by {@link #next(int[])}, or -1 before the first. */
    public int label() {
        return label;
    }

    /** The 1-based line number of the sample last returned by {@link #next(int[])}. */
    public int line() {
        return sampleLine;
    }

    /** Starts a new line: counts it and returns its first byte without consuming it, or -1 at the end. */
    private int peekLineStart() throws IOException {
        int b = peek();
        if (b < 0) {
            return -1;
        }
        line++;
        column = 0;
        return b;
    }

    private void skipLine() throws IOException {
        int b;
        do {
            b = read();
        } while (b >= 0 && b != '\n');
    }

    private void parseLine(int[] features) throws IOException {
        sampleLine = line;
        int fields = 0;
        while (true) {
            skipBlanks();
            int value = parseInteger(fields);
            if (fields < featureCount) {
                features[fields] = value;
            } else {
                label = value;
            }
            fields++;
            skipBlanks();
            int b = read();
            if (b == ',') {
                if (fields > featureCount) {
                    throw fault("too many values: expected " + (featureCount + 1) + " (features then label)");
                }
                continue;
            }
            if (b == '\r') {
                b = read();
            }
            if (b == '\n' || b < 0) {
                break;
            }
            throw fault("expected ',' or end of line, found " + describeByte(b));
        }
        if (fields != featureCount + 1) {
            throw new SampleFormatException(source, line, column,
                    "expected " + (featureCount + 1) + " values (features then label), found " + fields);
        }
        if (label < 0) {
            throw new SampleFormatException(source, line, column, "label must not be negative, found " + label);
        }
    }

    private int parseInteger(int fieldIndex) throws IOException {
        boolean negative = false;
        int b = read();
        if (b == '-') {
            negative = true;
            b = read();
        }
        if (b < '0' || b > '9') {
            throw fault("expected a digit for value " + (fieldIndex + 1) + ", found " + describeByte(b));
        }
        int value = 0;
        while (true) {
            value = value * 10 + (b - '0');
            if (value > 32768) {
                throw fault("value " + (fieldIndex + 1) + " does not fit in 16 bits");
            }
            b = peek();
            if (b < '0' || b > '9') {
                break;
            }
            read();
        }
        value = negative ? -value : value;
        if (value > Short.MAX_VALUE) {
            throw fault("value " + (fieldIndex + 1) + " does not fit in 16 bits");
        }
        return value;
    }

    private void skipBlanks() throws IOException {
        int b = peek();
        while (b == ' ' || b == '\t') {
            read();
            b = peek();
        }
    }

    private SampleFormatException fault(String problem) {
        return new SampleFormatException(source, line, column, problem);
    }

    private static boolean isLetter(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static String describeByte(int b) {
        if (b < 0) {
            return "end of stream";
        }
        if (b == '\n' || b == '\r') {
            return "end of line";
        }
        if (b >= 0x20 && b < 0x7f) {
            return "'" + (char) b + "'";
        }
        return "byte " + b;
    }

    private int peek() throws IOException {
        if (bufferPosition == bufferLength && !fill()) {
            return -1;
        }
        return buffer[bufferPosition] & 0xff;
    }

    private int read() throws IOException {
        if (bufferPosition == bufferLength && !fill()) {
            return -1;
        }
        column++;
        return buffer[bufferPosition++] & 0xff;
    }

    private boolean fill() throws IOException {
        if (endOfStream) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            endOfStream = true;
            return false;
        }
        bufferLength = n;
        bufferPosition = 0;
        return true;
    }
}

package dev.downhill.demo;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Builds serial-console lines from text and integers into one fixed byte buffer and writes each finished
 * line to an {@link OutputStream} (a UART on a board, {@code System.out} on a host). Numbers are formatted
 * by hand from integers: a board without floating point still prints "93.4%" and "1.250 ms".
 *
 * <p>Ownership: borrows the stream (never closes it) and owns a line buffer allocated in the constructor;
 * appending and {@link #endLine()} allocate nothing. Text beyond the buffer is cut off, never an error: a
 * log line must not stop the board.
 */
public final class SerialLog {

    private static final int MIN_LINE_BYTES = 16;

    private final OutputStream out;
    private final byte[] line;
    private final byte[] digits = new byte[20];
    private int length;

    /**
     * @param out where finished lines go; borrowed
     * @param maxLineBytes the longest line kept (longer lines are cut off), at least 16
     */
    public SerialLog(OutputStream out, int maxLineBytes) {
        if (out == null) {
            throw new IllegalArgumentException("output stream is required");
        }
        if (maxLineBytes < MIN_LINE_BYTES) {
            throw new IllegalArgumentException("maxLineBytes must be at least " + MIN_LINE_BYTES);
        }
        this.out = out;
        this.line = new byte[maxLineBytes];
    }

    /** Appends ASCII text (other characters are written as '?'). */
    public SerialLog text(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            put(c < 0x80 ? (byte) c : (byte) '?');
        }
        return this;
    }

    /** Appends a decimal integer. */
    public SerialLog number(long value) {
        return number(value, 0);
    }

    /** Appends a decimal integer right-aligned in {@code width} characters (wider values are not cut). */
    public SerialLog number(long value, int width) {
        int n = 0;
        boolean negative = value < 0;
        // Work with the negative magnitude so Long.MIN_VALUE needs no special case.
        long v = negative ? value : -value;
        do {
            digits[n++] = (byte) ('0' - (v % 10));
            v /= 10;
        } while (v != 0);
        int used = n + (negative ? 1 : 0);
        for (int i = used; i < width; i++) {
            put((byte) ' ');
        }
        if (negative) {
            put((byte) '-');
        }
        while (n > 0) {
            put(digits[--n]);
        }
        return this;
    }

    /**
     * Appends a fixed-point decimal: {@code scaled / 10^decimals} with exactly {@code decimals} digits after
     * the point, right-aligned in {@code width}. For example {@code decimal(934, 1, 5)} is " 93.4".
     */
    public SerialLog decimal(long scaled, int decimals, int width) {
        if (decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("decimals must be 0..9");
        }
        long unit = 1;
        for (int i = 0; i < decimals; i++) {
            unit *= 10;
        }
        boolean negative = scaled < 0;
        long magnitude = negative ? -scaled : scaled;
        long whole = magnitude / unit;
        long fraction = magnitude % unit;
        int wholeDigits = 1;
        for (long w = whole; w >= 10; w /= 10) {
            wholeDigits++;
        }
        int used = (negative ? 1 : 0) + wholeDigits + (decimals > 0 ? decimals + 1 : 0);
        for (int i = used; i < width; i++) {
            put((byte) ' ');
        }
        if (negative) {
            put((byte) '-');
        }
        number(whole);
        if (decimals > 0) {
            put((byte) '.');
            long div = unit / 10;
            while (div > 0) {
                put((byte) ('0' + (fraction / div) % 10));
                div /= 10;
            }
        }
        return this;
    }

    /** Appends a per-mille value as a percentage with one decimal: 934 is " 93.4%" at width 6. */
    public SerialLog percent(int permille, int width) {
        decimal(permille, 1, width - 1);
        put((byte) '%');
        return this;
    }

    /** Writes the line built so far with a '\n', flushes, and starts a new line. */
    public void endLine() throws IOException {
        out.write(line, 0, length);
        out.write('\n');
        out.flush();
        length = 0;
    }

    /** Writes {@code s} as a line of its own. */
    public void println(String s) throws IOException {
        text(s);
        endLine();
    }

    private void put(byte b) {
        if (length < line.length) {
            line[length++] = b;
        }
    }
}

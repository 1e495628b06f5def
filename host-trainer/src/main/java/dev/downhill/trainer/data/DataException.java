package dev.downhill.trainer.data;

import dev.downhill.trainer.DownhillException;

/**
 * Bad input data, located as precisely as the problem allows: {@code source: problem},
 * {@code source:line: problem} or {@code source:line:column: problem}, the way compilers report errors so
 * editors and terminals can jump to the spot. Lines and columns are 1-based; line 1 is the header.
 */
public final class DataException extends DownhillException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    private DataException(String source, int line, int column, String problem) {
        super(location(source, line, column) + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** A problem with the file as a whole (missing, empty, unreadable). */
    public static DataException inFile(String source, String problem) {
        return new DataException(source, 0, 0, problem);
    }

    /** A problem with one line (ragged row, malformed quoting, ...). */
    public static DataException atLine(String source, int line, String problem) {
        return new DataException(source, line, 0, problem);
    }

    /** A problem with one cell. */
    public static DataException atCell(String source, int line, int column, String problem) {
        return new DataException(source, line, column, problem);
    }

    /** The file name or {@code bundled:NAME} as the user gave it. */
    public String source() {
        return source;
    }

    /** 1-based line, or 0 when the problem is not tied to a line. */
    public int line() {
        return line;
    }

    /** 1-based column (field index), or 0 when the problem is not tied to a cell. */
    public int column() {
        return column;
    }

    private static String location(String source, int line, int column) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }
}

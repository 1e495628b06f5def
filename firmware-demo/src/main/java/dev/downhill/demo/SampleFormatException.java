package dev.downhill.demo;

import java.io.IOException;

/**
 * A sensor stream line that does not hold the expected integers. The message names the stream, the line
 * and the column (both 1-based), so a user can open the file at the fault.
 */
public final class SampleFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    SampleFormatException(String source, int line, int column, String problem) {
        super(describe(source, line, column, problem));
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the fault. */
    public int line() {
        return line;
    }

    /** The 1-based column (byte) of the fault within its line. */
    public int column() {
        return column;
    }

    private static String describe(String source, int line, int column, String problem) {
        StringBuilder b = new StringBuilder();
        b.append(source).append(" line ").append(line).append(", column ").append(column).append(": ").append(problem);
        return b.toString();
    }
}

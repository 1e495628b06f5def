package dev.downhill.trainer;

/**
 * Base class of every error a user can cause and fix: bad input data, a model file that does not load,
 * training that diverged, an unsupported operator. The CLI's {@code ErrorHandler} prints the message of a
 * {@code DownhillException} as one line and exits with {@code 1}; any other exception is treated as a bug.
 *
 * <p>Messages must say what was wrong and where (file, line, column, byte offset), and ideally what to do;
 * they must not need the stack trace to be understood.
 */
public class DownhillException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DownhillException(String message) {
        super(message);
    }

    public DownhillException(String message, Throwable cause) {
        super(message, cause);
    }
}

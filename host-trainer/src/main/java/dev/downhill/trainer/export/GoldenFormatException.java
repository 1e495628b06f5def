package dev.downhill.trainer.export;

/** A golden-vector file that cannot be read; the message names the file, the problem and the byte offset. */
public final class GoldenFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public GoldenFormatException(String message) {
        super(message);
    }
}

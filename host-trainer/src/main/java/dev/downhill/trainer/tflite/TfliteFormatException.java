package dev.downhill.trainer.tflite;

/**
 * The bytes are not a well-formed TFLite model: truncated, corrupt, or internally inconsistent
 * (an offset or length that points outside the file, a tensor index out of range, a weight buffer
 * whose size does not match its shape...). The message names what was wrong and, where there is
 * one, the byte offset; {@link #byteOffset()} returns it, or -1 when the problem has no single place.
 */
public final class TfliteFormatException extends TfliteImportException {

    private static final long serialVersionUID = 1L;

    private final long byteOffset;
    private final String problem;

    TfliteFormatException(String message, long byteOffset) {
        super(byteOffset >= 0 ? message + " (at byte " + byteOffset + ")" : message);
        this.byteOffset = byteOffset;
        this.problem = message;
    }

    TfliteFormatException(String message) {
        this(message, -1);
    }

    /** The same problem, with the file it was found in named first. */
    @Override
    TfliteFormatException inFile(String file) {
        return new TfliteFormatException(file + ": " + problem, byteOffset);
    }

    /** Byte offset in the file where the problem was found, or -1. */
    public long byteOffset() {
        return byteOffset;
    }
}

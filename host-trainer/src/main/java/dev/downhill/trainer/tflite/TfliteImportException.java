package dev.downhill.trainer.tflite;

/**
 * The only exception that {@link TfliteImporter} lets escape for bad input bytes, whatever they are.
 * It has exactly two kinds: {@link TfliteFormatException} (the bytes are not a well-formed TFLite
 * model: corrupt, truncated, inconsistent) and {@link UnsupportedTfliteModelException} (a well-formed
 * model that uses something Downhill cannot run). Unchecked, like the runtime's
 * {@code ModelFormatException}, so a caller decides where to turn it into a message.
 */
public abstract sealed class TfliteImportException extends RuntimeException
        permits TfliteFormatException, UnsupportedTfliteModelException {

    private static final long serialVersionUID = 1L;

    TfliteImportException(String message) {
        super(message);
    }

    /** The same exception with {@code file} named at the start of its message. */
    abstract TfliteImportException inFile(String file);
}

package dev.downhill.trainer.tflite;

/**
 * A valid .dhm model that cannot be written as a .tflite file that TFLite would run identically:
 * it has an input stage (raw sensor values to int8), which TFLite has no operator for, or its stored
 * requantisation constants are not the ones TFLite derives from its stored scales (so TFLite would
 * compute different bits). The message says which layer and which value.
 */
public final class TfliteExportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TfliteExportException(String message) {
        super(message);
    }
}

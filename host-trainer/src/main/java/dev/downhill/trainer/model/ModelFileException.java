package dev.downhill.trainer.model;

import dev.downhill.trainer.DownhillException;

/** A float model directory that cannot be read: missing, not JSON, wrong format version or inconsistent. */
public final class ModelFileException extends DownhillException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }
}

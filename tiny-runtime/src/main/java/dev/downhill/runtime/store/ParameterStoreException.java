package dev.downhill.runtime.store;

/**
 * A saved parameter state cannot be used: the store is too small, both slots are corrupted, or the store was
 * written for another model or another trainable set. The message names the cause and the numbers involved.
 */
public final class ParameterStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, with the numbers involved (slot, sequence, byte counts, offsets)
     */
    public ParameterStoreException(String message) {
        super(message);
    }
}

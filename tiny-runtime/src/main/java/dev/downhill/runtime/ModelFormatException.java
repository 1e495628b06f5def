package dev.downhill.runtime;

/**
 * The one exception a model load can throw: the blob is not a valid {@code .dhm} model. The message names
 * the problem and the byte offset where it was found, e.g.
 * {@code "layer 1 (FULLY_CONNECTED): multiplier 5 is outside [2^30, 2^31-1] and not 0 (at byte 132)"}.
 *
 * <p>Loading never fails any other way: no ArrayIndexOutOfBounds, NegativeArraySize or OutOfMemory error on
 * any byte sequence, because every size is checked against the blob length before anything is read or
 * allocated.
 */
public final class ModelFormatException extends RuntimeException {

    /** Version of the serialised form: a message and a byte offset. */
    private static final long serialVersionUID = 1L;

    /** Where in the blob the problem is (0-based). */
    private final int byteOffset;

    /**
     * A malformed-model error at a byte offset of the blob.
     *
     * @param problem    what is wrong, without the offset
     * @param byteOffset where in the blob (0-based)
     */
    public ModelFormatException(String problem, int byteOffset) {
        super(problem + " (at byte " + byteOffset + ")");
        this.byteOffset = byteOffset;
    }

    /** {@return the byte offset in the blob where the problem was found} */
    public int byteOffset() {
        return byteOffset;
    }
}

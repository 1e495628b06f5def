package dev.downhill.runtime.memory;

/**
 * The immutable result of {@link ArenaPlanner}: where each int8 activation tensor lives in the activation
 * byte array, where each layer's folded biases live in the int32 array, and the total sizes.
 *
 * <p>Tensor {@code 0} is the model input; tensor {@code i + 1} is the output of layer {@code i}.
 */
public final class BufferPlan {

    private final int[] tensorOffsets;
    private final int[] tensorSizes;
    private final int[] biasOffsets;
    private final int activationBytes;
    private final int biasInts;
    private final boolean retainsActivations;

    BufferPlan(int[] tensorOffsets, int[] tensorSizes, int[] biasOffsets, int activationBytes, int biasInts,
               boolean retainsActivations) {
        this.tensorOffsets = tensorOffsets;
        this.tensorSizes = tensorSizes;
        this.biasOffsets = biasOffsets;
        this.activationBytes = activationBytes;
        this.biasInts = biasInts;
        this.retainsActivations = retainsActivations;
    }

    /** Number of int8 tensors (layers + 1). */
    public int tensorCount() {
        return tensorSizes.length;
    }

    /** Offset of tensor {@code i} in the activation array. */
    public int tensorOffset(int i) {
        return tensorOffsets[i];
    }

    /** Length in bytes of tensor {@code i}. */
    public int tensorSize(int i) {
        return tensorSizes[i];
    }

    /** Offset of layer {@code layer}'s folded biases in the int32 array (-1 for a layer without bias). */
    public int biasOffset(int layer) {
        return biasOffsets[layer];
    }

    /** Length of the int8 activation array. */
    public int activationBytes() {
        return activationBytes;
    }

    /** Length of the int32 folded-bias array. */
    public int biasInts() {
        return biasInts;
    }

    /** Whether every tensor has its own region (else: ping-pong, only the last two tensors survive invoke). */
    public boolean retainsActivations() {
        return retainsActivations;
    }

    /** {@code activationBytes() + 4 · biasInts()}: the payload bytes of the arena's two arrays. */
    public int totalBytes() {
        return activationBytes + 4 * biasInts;
    }
}

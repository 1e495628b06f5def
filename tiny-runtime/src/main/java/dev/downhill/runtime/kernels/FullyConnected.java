package dev.downhill.runtime.kernels;

/**
 * int8 FULLY_CONNECTED as static functions over a {@link FullyConnectedParams} and primitive arrays, for hosts
 * and tests (the TFLM golden cases, benchmarks). The kernel itself, and its implementation notes, are
 * {@link FullyConnectedParams#foldInputOffset} and {@link FullyConnectedParams#eval}: the interpreter calls those
 * directly, so a device does not hold this class.
 */
public final class FullyConnected {

    private FullyConnected() {
    }

    /**
     * Turns biases into folded biases in place: {@code bias[biasOffset + c] += inputOffset · Σ_d w[c,d]} for
     * every output channel ({@link FullyConnectedParams#foldInputOffset}).
     *
     * @param p the operator's load-time parameters
     * @param weights holds the {@code [C][D]} row-major int8 weights
     * @param weightsOffset where the weights start in {@code weights}
     * @param bias in: the int32 bias (zeros if the operator has none); out: the folded bias {@link #eval} needs
     * @param biasOffset where channel 0's bias is in the bias array
     */
    public static void foldInputOffset(FullyConnectedParams p, byte[] weights, int weightsOffset,
                                       int[] bias, int biasOffset) {
        p.foldInputOffset(weights, weightsOffset, bias, biasOffset);
    }

    /**
     * One row of int8 FULLY_CONNECTED with pre-folded bias ({@link FullyConnectedParams#eval}). Allocates nothing.
     *
     * @param p the operator's load-time parameters
     * @param input holds the int8 input row
     * @param inputOffset where the row starts in {@code input}
     * @param weights holds the {@code [C][D]} row-major int8 weights
     * @param weightsOffset where the weights start in {@code weights}
     * @param foldedBias output of {@link #foldInputOffset} for these weights and params
     * @param biasOffset where channel 0's bias is in the bias array
     * @param output receives the C int8 outputs (may be {@code input}'s array, at a non-overlapping range)
     * @param outputOffset where the outputs go in {@code output}
     */
    public static void eval(FullyConnectedParams p, byte[] input, int inputOffset, byte[] weights,
                            int weightsOffset, int[] foldedBias, int biasOffset, byte[] output, int outputOffset) {
        p.eval(input, inputOffset, weights, weightsOffset, foldedBias, biasOffset, output, outputOffset);
    }
}

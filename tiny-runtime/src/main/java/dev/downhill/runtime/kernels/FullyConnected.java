package dev.downhill.runtime.kernels;

/**
 * int8 FULLY_CONNECTED, bit-exact with TFLM's reference kernel (per-tensor and per-channel weights, fused
 * activation as a clamp range); docs/int8-arithmetic.md §4-§6.
 *
 * <p>Two steps: at load, {@link #foldInputOffset} turns the int32 bias into a <em>folded bias</em>
 * {@code bias[c] + inputOffset · Σ_d w[c,d]}; at invoke, {@link #eval} computes a plain int8 dot product per
 * output channel, adds the folded bias, requantises, adds the output zero point and clamps.
 * {@link FullyConnectedReference} is the formula exactly as TFLM writes it, kept as the executable specification
 * and the test oracle (outside the classes a device needs).
 *
 * <p>Layouts: input is one row of {@code D} int8 values; weights are {@code [C][D]} row-major int8, read in
 * place; output is {@code C} int8 values. For several rows (batches), call once per row.
 */
public final class FullyConnected {

    /* IMPLEMENTATION NOTES
     * TFLM computes acc = Σ_d w[c,d]·(x[d] + inputOffset) + bias[c] in wrapping int32. Integer addition and
     * multiplication modulo 2^32 form a ring, so the same bits come out of
     *     acc = Σ_d w[c,d]·x[d] + (bias[c] + inputOffset·Σ_d w[c,d])
     * The bracket depends only on the parameters, so it is computed once at load (foldInputOffset) and the
     * inner loop is a bare int8 dot product reading the weights in place from the model byte[]: one load of
     * each operand, one multiply, one add per MAC. That is what keeps -Xint within a few per cent of a bare
     * dot-product loop and lets the JIT vectorise it.
     *
     * MBQM is written out inline in eval (the same two steps as FixedPoint.multiplyByQuantizedMultiplier): under
     * an interpreter, three static calls per output channel cost about as much as a dozen MACs.
     * FullyConnectedTest checks eval against FullyConnectedReference and against FixedPoint on random data.
     */

    private FullyConnected() {
    }

    /**
     * Turns biases into folded biases in place: {@code bias[biasOffset + c] += inputOffset · Σ_d w[c,d]} for
     * every output channel. Call again whenever the weights or biases change (no allocation).
     *
     * @param p the operator's load-time parameters
     * @param weights holds the {@code [C][D]} row-major int8 weights
     * @param weightsOffset where the weights start in {@code weights}
     * @param biasOffset where channel 0's bias is in the bias array
     * @param bias in: the int32 bias (zeros if the operator has none); out: the folded bias {@link #eval} needs
     */
    public static void foldInputOffset(FullyConnectedParams p, byte[] weights, int weightsOffset,
                                       int[] bias, int biasOffset) {
        int depth = p.inputDepth;
        int inputOffset = p.inputOffset;
        for (int c = 0; c < p.outputDepth; c++) {
            int rowSum = 0;
            int w = weightsOffset + c * depth;
            for (int d = 0; d < depth; d++) {
                rowSum += weights[w + d];
            }
            bias[biasOffset + c] += inputOffset * rowSum;
        }
    }

    /**
     * One row of int8 FULLY_CONNECTED with pre-folded bias. Allocates nothing.
     *
     * @param p the operator's load-time parameters
     * @param input holds the int8 input row
     * @param inputOffset where the row starts in {@code input}
     * @param weights holds the {@code [C][D]} row-major int8 weights
     * @param weightsOffset where the weights start in {@code weights}
     * @param biasOffset where channel 0's bias is in the bias array
     * @param output receives the C int8 outputs (may be {@code input}'s array, at a non-overlapping range)
     * @param outputOffset where the outputs go in {@code output}
     * @param foldedBias output of {@link #foldInputOffset} for these weights and params
     */
    public static void eval(FullyConnectedParams p, byte[] input, int inputOffset, byte[] weights,
                            int weightsOffset, int[] foldedBias, int biasOffset, byte[] output, int outputOffset) {
        final int channels = p.outputDepth;
        final int perChannel = p.multiplierStride;
        final int[] multipliers = p.multipliers;
        final int[] shifts = p.shifts;
        final int zeroPoint = p.outputOffset;
        final int min = p.activationMin;
        final int max = p.activationMax;
        final int inputEnd = inputOffset + p.inputDepth;
        int w = weightsOffset;
        int left = 0;
        int right = 0;
        int mask = 0;
        int half = 0;
        long multiplier = 0;
        for (int c = 0; c < channels; c++) {
            int acc = foldedBias[biasOffset + c];
            for (int i = inputOffset; i < inputEnd; i++) {
                acc += weights[w++] * input[i];
            }
            // MBQM(acc, M, shift), inlined: SRDHM on the left-shifted value, then RDBPOT (ties away from zero).
            // SRDHM saturates only for M == MIN_VALUE, which a validated multiplier (0 or >= 2^30) never is.
            // The shift's parts are derived once per layer (per-tensor) or once per channel (per-channel).
            if (c == 0 || perChannel != 0) {
                int shift = shifts[c * perChannel];
                left = shift > 0 ? shift : 0;
                right = shift > 0 ? 0 : -shift;
                mask = (1 << right) - 1;
                half = mask >> 1;
                multiplier = multipliers[c * perChannel];
            }
            int high = (int) (((acc << left) * multiplier + (1L << 30)) >> 31);
            // RDBPOT's threshold is half, plus one for a negative value (high >>> 31)
            int y = (high >> right) + ((high & mask) > half + (high >>> 31) ? 1 : 0) + zeroPoint;
            output[outputOffset + c] = (byte) (y < min ? min : (y > max ? max : y));
        }
    }
}

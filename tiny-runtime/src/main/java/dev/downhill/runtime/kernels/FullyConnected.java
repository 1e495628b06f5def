package dev.downhill.runtime.kernels;

import dev.downhill.runtime.format.ModelFormat;

/**
 * One configured int8 FULLY_CONNECTED operator: its load-time constants (TFLM's {@code OpDataFullyConnected}:
 * shapes, zero points, requantisation multipliers and the fused-activation clamp range, built once at load) and
 * the kernel that only reads them at invoke, bit-exact with TFLM's reference kernel (per-tensor and per-channel
 * weights, fused activation as a clamp range; docs/int8-arithmetic.md §4-§6).
 *
 * <p>Two steps: at load, {@link #foldInputOffset} turns the int32 bias into a <em>folded bias</em>
 * {@code bias[c] + inputOffset · Σ_d w[c,d]}; at invoke, {@link #eval} computes a plain int8 dot product per
 * output channel, adds the folded bias, requantises, adds the output zero point and clamps.
 * {@link FullyConnectedReference} is the formula exactly as TFLM writes it, kept as the executable specification
 * and the test oracle (outside the classes a device needs).
 *
 * <p>Layouts: input is one row of {@code D} int8 values; weights are {@code [C][D]} row-major int8, read in
 * place; output is {@code C} int8 values. For several rows (batches), call once per row.
 *
 * <p>Per-tensor quantisation has one multiplier/shift pair, per-channel has one per output channel. The
 * multiplier and shift arrays are referenced, not copied; the caller must not change them afterwards.
 *
 * <p>Valid ranges (checked by {@code Model.load}, which builds these; the constructor trusts its caller and
 * checks nothing, so a device does not pay for the checks twice): depths >= 1; zero points in [-128, 127]; multipliers 0 or in
 * [2^30, 2^31-1]; shifts in [-31, 30]; {@code -128 <= activationMin <= activationMax <= 127}.
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
     * MBQM is written out inline in eval: under an interpreter, three static calls per output channel cost about
     * as much as a dozen MACs. Its two roundings become one long shift. With a = acc << left, TFLM computes
     * high = (a·M + 2^30) >> 31 (SRDHM; it saturates only for M == MIN_VALUE, which a validated multiplier, 0 or
     * >= 2^30, never is), then RDBPOT(high, r) = floor((high + 2^(r-1) - [high < 0]) / 2^r) for r >= 1 (ties away
     * from zero), high itself for r = 0. Nested floors of divisions by powers of two are one floor, so
     *     RDBPOT(high, r) = (a·M + 2^30 + 2^(30+r) - 2^31·[high < 0]) >> (31 + r)     (r >= 1)
     * in long arithmetic (|a·M| < 2^62: no overflow). The nudge's condition may read a < 0 instead of high < 0:
     * they differ only when high == 0 (a == -1 with M == 2^30, or M == 0), where the nudge moves high + 2^(r-1)
     * by one without crossing a multiple of 2^r. The nudge is then a & MIN_VALUE (sign-extended: -2^31 or 0),
     * and r = 0 uses a zero mask and rounding 2^30: about 20 bytecodes per output channel instead of 30.
     * A model marked single-rounding (TFLITE_SINGLE_ROUNDING, as the TFLite 2.6.2 interpreter computes) requantises with
     * (acc·M + 2^(30-shift)) >> (31-shift): the same expression with left = 0, no nudge and total = 31 - shift.
     * One marked half-up (as the TFLite 2.9.0 interpreter computes) rounds the right shift's ties up,
     * floor((high + 2^(r-1)) / 2^r): the same expression without the nudge.
     * FullyConnectedTest checks eval against FullyConnectedReference on random layers and against FixedPoint at
     * every legal shift, around the ties and at the int32 extremes.
     */

    /** Smallest legal shift. */
    public static final int MIN_SHIFT = -31;
    /** Largest legal shift. */
    public static final int MAX_SHIFT = 30;

    final int inputDepth;
    final int outputDepth;
    final int inputOffset;
    final int outputOffset;
    final int[] multipliers;
    final int[] shifts;
    final int multiplierStride;
    final int activationMin;
    final int activationMax;
    final int roundingMode;

    /**
     * A FULLY_CONNECTED layer's shape and requantisation constants, as {@code Model.load} validated them (they
     * are not checked again here). It requantises with TFLM's default double rounding,
     * {@code TFLITE_SINGLE_ROUNDING}'s single rounding, or TFLM's two roundings with the second one's ties going
     * up (shifts in [-31, 30] in every case).
     *
     * @param inputDepth the input length D, at least 1
     * @param outputDepth the output length C, at least 1
     * @param inputZeroPoint  the input tensor's zero point (the kernel adds {@code -inputZeroPoint})
     * @param outputZeroPoint the output tensor's zero point, added after requantisation, before clamping
     * @param multipliers     length 1 (per-tensor) or {@code outputDepth} (per-channel)
     * @param shifts          same length as {@code multipliers}
     * @param activationMin the clamp range's lower end
     * @param activationMax the clamp range's upper end
     * @param rounding the model header's flags: {@link ModelFormat#DOUBLE_ROUNDING},
     *                 {@link ModelFormat#FLAG_SINGLE_ROUNDING} or {@link ModelFormat#FLAG_HALF_UP}
     */
    public FullyConnected(int inputDepth, int outputDepth, int inputZeroPoint, int outputZeroPoint,
                          int[] multipliers, int[] shifts, int activationMin, int activationMax,
                          int rounding) {
        this.roundingMode = rounding;
        this.inputDepth = inputDepth;
        this.outputDepth = outputDepth;
        this.inputOffset = -inputZeroPoint;
        this.outputOffset = outputZeroPoint;
        this.multipliers = multipliers;
        this.shifts = shifts;
        this.multiplierStride = multipliers.length == 1 ? 0 : 1;
        this.activationMin = activationMin;
        this.activationMax = activationMax;
    }


    /** {@return input depth D (the row length of the weight matrix)} */
    public int inputDepth() {
        return inputDepth;
    }

    /** {@return output depth C (the number of weight rows)} */
    public int outputDepth() {
        return outputDepth;
    }

    /** {@return {@code -inputZeroPoint}} */
    public int inputOffset() {
        return inputOffset;
    }

    /** {@return the output zero point} */
    public int outputOffset() {
        return outputOffset;
    }

    /** {@return whether there is one multiplier per output channel} */
    public boolean isPerChannel() {
        return multiplierStride == 1;
    }

    /**
     * The multiplier applied to output channel {@code c}.
     *
     * @param c an output channel, 0 to the layer's output depth - 1
     * @return the multiplier applied to output channel {@code c}
     */
    public int multiplier(int c) {
        return multipliers[c * multiplierStride];
    }

    /**
     * The shift applied to output channel {@code c}.
     *
     * @param c an output channel, 0 to the layer's output depth - 1
     * @return the shift applied to output channel {@code c}
     */
    public int shift(int c) {
        return shifts[c * multiplierStride];
    }

    /** {@return lower clamp bound (int8)} */
    public int activationMin() {
        return activationMin;
    }

    /** {@return upper clamp bound (int8)} */
    public int activationMax() {
        return activationMax;
    }

    /**
     * Turns biases into folded biases in place: {@code bias[biasOffset + c] += inputOffset · Σ_d w[c,d]} for
     * every output channel. Call again whenever the weights or biases change (no allocation).
     *
     * @param weights holds the {@code [C][D]} row-major int8 weights
     * @param weightsOffset where the weights start in {@code weights}
     * @param biasOffset where channel 0's bias is in the bias array
     * @param bias in: the int32 bias (zeros if the operator has none); out: the folded bias {@link #eval} needs
     */
    public void foldInputOffset(byte[] weights, int weightsOffset, int[] bias, int biasOffset) {
        int depth = inputDepth;
        for (int c = 0; c < outputDepth; c++) {
            int rowSum = 0;
            int w = weightsOffset + c * depth;
            for (int d = 0; d < depth; d++) {
                rowSum += weights[w + d];
            }
            bias[biasOffset + c] += this.inputOffset * rowSum;
        }
    }

    /**
     * One row of int8 FULLY_CONNECTED with pre-folded bias. Allocates nothing.
     *
     * @param input holds the int8 input row
     * @param inputOffset where the row starts in {@code input}
     * @param weights holds the {@code [C][D]} row-major int8 weights
     * @param weightsOffset where the weights start in {@code weights}
     * @param biasOffset where channel 0's bias is in the bias array
     * @param output receives the C int8 outputs (may be {@code input}'s array, at a non-overlapping range)
     * @param outputOffset where the outputs go in {@code output}
     * @param foldedBias output of {@link #foldInputOffset} for these weights and params
     */
    public void eval(byte[] input, int inputOffset, byte[] weights, int weightsOffset, int[] foldedBias,
                     int biasOffset, byte[] output, int outputOffset) {
        final int[] multipliers = this.multipliers;
        final int[] shifts = this.shifts;
        final int constants = multipliers.length;     // 1 (per-tensor) or C (per-channel)
        final int zeroPoint = this.outputOffset;
        final int min = activationMin;
        final int max = activationMax;
        final int inputEnd = inputOffset + inputDepth;
        final int outputEnd = outputOffset + outputDepth;
        int w = weightsOffset;
        int b = biasOffset;
        int o = outputOffset;
        int k = 0;
        int left = 0;
        int total = 0;
        int sign = 0;
        long multiplier = 0;
        long rounding = 0;
        do {                                    // depth >= 1 and C >= 1: every loop tests at the bottom
            int acc = foldedBias[b++];
            int i = inputOffset;
            do {
                acc += weights[w++] * input[i];
            } while (++i < inputEnd);
            // MBQM(acc, M, shift) as one long product and one shift (see the notes above); its constants are
            // derived once per layer (per-tensor: k reaches 1 after channel 0) or once per channel
            if (k < constants) {
                int shift = shifts[k];
                multiplier = multipliers[k++];
                // single rounding: no left shift first, no SRDHM half, no nudge, one shift by 31 - shift;
                // half up: both roundings' halves, no nudge
                boolean twice = roundingMode != ModelFormat.FLAG_SINGLE_ROUNDING;
                left = shift > 0 && twice ? shift : 0;
                total = 31 + left - shift;                          // 31 + RDBPOT's exponent
                sign = total > 31 && roundingMode == ModelFormat.DOUBLE_ROUNDING ? Integer.MIN_VALUE : 0;   // a negative's tie nudge (RDBPOT)
                rounding = (1L << total - 1) + (total > 31 && twice ? 1L << 30 : 0);
            }
            acc <<= left;
            int y = (int) ((acc * multiplier + rounding + (acc & sign)) >> total) + zeroPoint;
            output[o] = (byte) (y < min ? min : (y > max ? max : y));
        } while (++o < outputEnd);
    }
}

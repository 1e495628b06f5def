package dev.downhill.runtime.kernels;

/**
 * Load-time constants of one int8 FULLY_CONNECTED operator (TFLM's {@code OpDataFullyConnected}): shapes,
 * zero points, requantisation multipliers and the fused-activation clamp range. Built once at load, only read
 * at invoke.
 *
 * <p>Per-tensor quantisation has one multiplier/shift pair, per-channel has one per output channel. The
 * multiplier and shift arrays are referenced, not copied; the caller must not change them afterwards.
 *
 * <p>Valid ranges (checked by {@code Model.load}, which builds these; the constructor trusts its caller and
 * checks nothing, so a device does not pay for the checks twice): depths >= 1; zero points in [-128, 127]; multipliers 0 or in
 * [2^30, 2^31-1]; shifts in [-31, 30]; {@code -128 <= activationMin <= activationMax <= 127}.
 */
public final class FullyConnectedParams {

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

    /**
     * @param inputDepth the input length D, at least 1
     * @param outputDepth the output length C, at least 1
     * @param activationMin the clamp range's lower end
     * @param activationMax the clamp range's upper end
     * @param inputZeroPoint  the input tensor's zero point (the kernel adds {@code -inputZeroPoint})
     * @param outputZeroPoint the output tensor's zero point, added after requantisation, before clamping
     * @param multipliers     length 1 (per-tensor) or {@code outputDepth} (per-channel)
     * @param shifts          same length as {@code multipliers}
     */
    public FullyConnectedParams(int inputDepth, int outputDepth, int inputZeroPoint, int outputZeroPoint,
                                int[] multipliers, int[] shifts, int activationMin, int activationMax) {
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
}

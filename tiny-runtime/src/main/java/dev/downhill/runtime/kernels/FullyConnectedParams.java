package dev.downhill.runtime.kernels;

/**
 * Load-time constants of one int8 FULLY_CONNECTED operator (TFLM's {@code OpDataFullyConnected}): shapes,
 * zero points, requantisation multipliers and the fused-activation clamp range. Built once at load, only read
 * at invoke.
 *
 * <p>Per-tensor quantisation has one multiplier/shift pair, per-channel has one per output channel. The
 * multiplier and shift arrays are referenced, not copied; the caller must not change them afterwards.
 *
 * <p>Valid ranges (checked by the constructor): depths >= 1; zero points in [-128, 127]; multipliers 0 or in
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
     * @param inputZeroPoint  the input tensor's zero point (the kernel adds {@code -inputZeroPoint})
     * @param outputZeroPoint the output tensor's zero point, added after requantisation, before clamping
     * @param multipliers     length 1 (per-tensor) or {@code outputDepth} (per-channel)
     * @param shifts          same length as {@code multipliers}
     */
    public FullyConnectedParams(int inputDepth, int outputDepth, int inputZeroPoint, int outputZeroPoint,
                                int[] multipliers, int[] shifts, int activationMin, int activationMax) {
        if (inputDepth < 1 || outputDepth < 1) {
            throw new IllegalArgumentException("depths must be >= 1");
        }
        if (!isInt8(inputZeroPoint) || !isInt8(outputZeroPoint)) {
            throw new IllegalArgumentException("zero points must be in [-128, 127]");
        }
        if (multipliers.length != shifts.length || (multipliers.length != 1 && multipliers.length != outputDepth)) {
            throw new IllegalArgumentException("need 1 or outputDepth multipliers and as many shifts");
        }
        for (int i = 0; i < multipliers.length; i++) {
            if (!isValidMultiplier(multipliers[i]) || !isValidShift(shifts[i])) {
                throw new IllegalArgumentException("multiplier or shift out of range at channel " + i);
            }
        }
        if (!isInt8(activationMin) || !isInt8(activationMax) || activationMin > activationMax) {
            throw new IllegalArgumentException("activation range must satisfy -128 <= min <= max <= 127");
        }
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

    /** A quantised multiplier is 0 (flushed) or in [2^30, 2^31-1]. */
    public static boolean isValidMultiplier(int m) {
        return m == 0 || m >= (1 << 30);
    }

    /** A shift is in [{@link #MIN_SHIFT}, {@link #MAX_SHIFT}]. */
    public static boolean isValidShift(int shift) {
        return shift >= MIN_SHIFT && shift <= MAX_SHIFT;
    }

    static boolean isInt8(int v) {
        return v >= -128 && v <= 127;
    }

    /** Input depth D (the row length of the weight matrix). */
    public int inputDepth() {
        return inputDepth;
    }

    /** Output depth C (the number of weight rows). */
    public int outputDepth() {
        return outputDepth;
    }

    /** {@code -inputZeroPoint}. */
    public int inputOffset() {
        return inputOffset;
    }

    /** The output zero point. */
    public int outputOffset() {
        return outputOffset;
    }

    /** Whether there is one multiplier per output channel. */
    public boolean isPerChannel() {
        return multiplierStride == 1;
    }

    /** The multiplier applied to output channel {@code c}. */
    public int multiplier(int c) {
        return multipliers[c * multiplierStride];
    }

    /** The shift applied to output channel {@code c}. */
    public int shift(int c) {
        return shifts[c * multiplierStride];
    }

    /** Lower clamp bound (int8). */
    public int activationMin() {
        return activationMin;
    }

    /** Upper clamp bound (int8). */
    public int activationMax() {
        return activationMax;
    }
}

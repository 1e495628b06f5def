package dev.downhill.trainer.quantize;

/**
 * A real requantisation multiplier {@code m} written as a 32-bit fixed-point multiplier and a
 * power-of-two exponent, {@code m ≈ multiplier · 2^(shift − 31)}, exactly as TFLite Micro's
 * {@code QuantizeMultiplier} produces it (docs/int8-arithmetic.md §2).
 *
 * <p>{@code multiplier} is 0 or lies in {@code [2^30, 2^31 − 1]}. A negative {@code shift} means
 * "divide", a positive one "multiply". The runtime consumes the pair through
 * {@code MultiplyByQuantizedMultiplier}; a one-bit difference in {@code multiplier} can move an int8
 * output by one step, so the two entry points below reproduce TFLM's float32/double choices exactly.
 *
 * @param multiplier the Q0.31 fixed-point multiplier (0, or 2^30 .. 2^31 − 1)
 * @param shift the power-of-two exponent
 */
public record QuantizedMultiplier(int multiplier, int shift) {

    /** Below this exponent TFLM flushes the multiplier to zero (§2.2 step 5). */
    private static final int MIN_EXPONENT = -31;

    /**
     * The multiplier of a per-tensor FULLY_CONNECTED layer (§2.1): the scale product is taken in
     * float32, widened to double, then divided by the output scale in double.
     */
    public static QuantizedMultiplier perTensor(float inputScale, float weightScale, float outputScale) {
        return fromReal(perTensorReal(inputScale, weightScale, outputScale));
    }

    /** The real multiplier of {@link #perTensor}: {@code (double)(sIn * sW) / (double) sOut}. */
    public static double perTensorReal(float inputScale, float weightScale, float outputScale) {
        requireScale("input scale", inputScale);
        requireScale("weight scale", weightScale);
        requireScale("output scale", outputScale);
        float product = inputScale * weightScale; // one float32 rounding, as TFLM does
        return (double) product / (double) outputScale;
    }

    /** The multiplier of one output channel of a per-channel layer (§2.1): everything in double. */
    public static QuantizedMultiplier perChannel(float inputScale, float channelWeightScale, float outputScale) {
        return fromReal(perChannelReal(inputScale, channelWeightScale, outputScale));
    }

    /** The real multiplier of {@link #perChannel}: {@code (double) sIn · (double) sW[c] / (double) sOut}. */
    public static double perChannelReal(float inputScale, float channelWeightScale, float outputScale) {
        requireScale("input scale", inputScale);
        requireScale("weight scale", channelWeightScale);
        requireScale("output scale", outputScale);
        return (double) inputScale * (double) channelWeightScale / (double) outputScale;
    }

    /**
     * The input scaling of an int8 SOFTMAX (§7.1): {@code QuantizeMultiplier(min(beta · S_in · 2^26,
     * 2^31 − 1))} in double; its shift is the left shift applied to input differences.
     */
    public static QuantizedMultiplier softmaxInput(float beta, float inputScale) {
        requireScale("softmax beta", beta);
        requireScale("input scale", inputScale);
        double real = Math.min((double) beta * (double) inputScale * (1 << 26), (double) Integer.MAX_VALUE);
        return fromReal(real);
    }

    /**
     * TFLM's {@code QuantizeMultiplier(m)} (§2.2) for a finite, non-negative {@code m}.
     *
     * @throws IllegalArgumentException if {@code m} is negative, NaN or infinite, or so large that
     *     the shift would not fit the runtime's shift range (m ≥ 2^31)
     */
    public static QuantizedMultiplier fromReal(double m) {
        if (!(m >= 0) || Double.isInfinite(m)) {
            throw new IllegalArgumentException("real multiplier must be finite and >= 0, got " + m);
        }
        if (m == 0) {
            return new QuantizedMultiplier(0, 0);
        }
        if (Math.getExponent(m) < Double.MIN_EXPONENT) {
            return new QuantizedMultiplier(0, 0); // subnormal: far below 2^-31, flushed (step 5)
        }
        int exponent = Math.getExponent(m) + 1;           // frexp: m = f · 2^e with f in [0.5, 1)
        double fraction = Math.scalb(m, -exponent);
        long q = roundHalfAway(Math.scalb(fraction, 31)); // exact product; the one rounding
        if (q == 1L << 31) {                              // f rounded up to 1.0
            q = 1L << 30;
            exponent++;
        }
        if (exponent < MIN_EXPONENT) {
            return new QuantizedMultiplier(0, 0);
        }
        if (exponent > 31) {
            throw new IllegalArgumentException("real multiplier " + m + " is too large (needs shift " + exponent + ")");
        }
        return new QuantizedMultiplier((int) q, exponent);
    }

    /** The real value this pair stands for, {@code multiplier · 2^(shift − 31)}; for reports and tests. */
    public double toReal() {
        return Math.scalb((double) multiplier, shift - 31);
    }

    /** Rounds to nearest with halves away from zero (C {@code round}); not {@link Math#round}. */
    static long roundHalfAway(double v) {
        double r = Math.floor(Math.abs(v) + 0.5);
        // |v| + 0.5 is exact for the |v| < 2^52 this class meets, so floor sees the true sum.
        return (long) Math.copySign(r, v);
    }

    private static void requireScale(String what, float scale) {
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + scale);
        }
    }
}

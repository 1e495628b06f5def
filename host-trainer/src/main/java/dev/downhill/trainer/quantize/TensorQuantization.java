package dev.downhill.trainer.quantize;

/**
 * The asymmetric int8 quantisation of an activation tensor: {@code real = scale · (q − zeroPoint)},
 * {@code q ∈ [−128, 127]}, with the float32 scale the model file stores.
 *
 * @param scale the float32 step between adjacent int8 values (&gt; 0)
 * @param zeroPoint the int8 value that represents real 0
 */
public record TensorQuantization(float scale, int zeroPoint) {

    private static final int Q_MIN = -128;
    private static final int Q_MAX = 127;

    public TensorQuantization {
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        if (zeroPoint < Q_MIN || zeroPoint > Q_MAX) {
            throw new IllegalArgumentException("zero point " + zeroPoint + " is outside int8");
        }
    }

    /** The fixed output quantisation TFLM requires of an int8 SOFTMAX: scale 1/256, zero point −128. */
    public static TensorQuantization softmaxOutput() {
        return new TensorQuantization(1f / 256, Q_MIN);
    }

    /**
     * Spreads the 256 int8 values over {@code range}, as the TFLite converter does: the step is
     * {@code (max − min) / 255} and the zero point is the int8 value nearest to real 0 (so 0 is exact
     * and the range may shift by up to half a step). A range of width 0 (a tensor that is always 0)
     * gets scale 1, which represents its single value exactly.
     */
    public static TensorQuantization fromRange(CalibrationRange range) {
        double width = range.max() - range.min();
        float scale = (float) (width / (Q_MAX - Q_MIN));
        if (!(scale > 0)) {
            return new TensorQuantization(1f, range.min() < 0 ? Q_MAX : Q_MIN);
        }
        double zeroFromMin = Q_MIN - range.min() / scale;
        long zero = QuantizedMultiplier.roundHalfAway(zeroFromMin);
        return new TensorQuantization(scale, (int) Math.max(Q_MIN, Math.min(Q_MAX, zero)));
    }

    /** {@code clamp(round_away(real / scale) + zeroPoint)}: the host-side reference quantiser. */
    public int quantize(double real) {
        long steps = Math.max(-1024, Math.min(1024, QuantizedMultiplier.roundHalfAway(real / scale)));
        return (int) Math.max(Q_MIN, Math.min(Q_MAX, steps + zeroPoint));
    }

    /** {@code scale · (q − zeroPoint)}. */
    public double dequantize(int q) {
        return (double) scale * (q - zeroPoint);
    }
}

package dev.downhill.trainer.quantize;

/**
 * The int8 clamp bounds {@code [min, max]} of a fused activation, computed once from the output
 * tensor's scale and zero point exactly as TFLM's {@code CalculateActivationRangeQuantized} does
 * (docs/int8-arithmetic.md §6). The clamp is applied after the output zero point has been added.
 *
 * @param min the lowest int8 value the layer may output
 * @param max the highest int8 value the layer may output
 */
public record ActivationRange(int min, int max) {

    private static final int INT8_MIN = -128;
    private static final int INT8_MAX = 127;

    public ActivationRange {
        if (min < INT8_MIN || max > INT8_MAX || min > max) {
            throw new IllegalArgumentException("activation range [" + min + ", " + max + "] is not a sub-range of int8");
        }
    }

    /**
     * The bounds of {@code activation} for an output quantised with {@code outputScale} and
     * {@code outputZeroPoint}.
     */
    public static ActivationRange of(FusedActivation activation, float outputScale, int outputZeroPoint) {
        if (!(outputScale > 0) || Float.isInfinite(outputScale)) {
            throw new IllegalArgumentException("output scale must be finite and > 0, got " + outputScale);
        }
        if (outputZeroPoint < INT8_MIN || outputZeroPoint > INT8_MAX) {
            throw new IllegalArgumentException("output zero point " + outputZeroPoint + " is outside int8");
        }
        return switch (activation) {
            case NONE -> new ActivationRange(INT8_MIN, INT8_MAX);
            case RELU -> new ActivationRange(lowerBound(0f, outputScale, outputZeroPoint), INT8_MAX);
            case RELU6 -> new ActivationRange(lowerBound(0f, outputScale, outputZeroPoint),
                    upperBound(6f, outputScale, outputZeroPoint));
            case RELU_N1_TO_1 -> new ActivationRange(lowerBound(-1f, outputScale, outputZeroPoint),
                    upperBound(1f, outputScale, outputZeroPoint));
        };
    }

    private static int lowerBound(float real, float scale, int zeroPoint) {
        return (int) Math.min(INT8_MAX, Math.max(INT8_MIN, quantize(real, scale, zeroPoint)));
    }

    private static int upperBound(float real, float scale, int zeroPoint) {
        return (int) Math.max(INT8_MIN, Math.min(INT8_MAX, quantize(real, scale, zeroPoint)));
    }

    /**
     * {@code Z + round_away(float32(f / S))}: the division is a float32 one (it decides ties such as
     * 1/0.4 = 2.5), the rounding sends halves away from zero. A tiny scale gives a huge ratio;
     * it is limited to ±1024 steps before the zero point is added so nothing wraps, and the caller
     * clamps to int8.
     */
    private static long quantize(float real, float scale, int zeroPoint) {
        float ratio = real / scale;
        long steps = Math.max(-1024, Math.min(1024, QuantizedMultiplier.roundHalfAway(ratio)));
        return zeroPoint + steps;
    }
}

package dev.downhill.trainer.quantize;

/**
 * A real interval {@code [min, max]} that an int8 tensor is asked to cover, with {@code min ≤ 0 ≤ max}
 * (TFLite requires 0 to be exactly representable).
 *
 * @param min the lowest real value to represent (≤ 0)
 * @param max the highest real value to represent (≥ 0)
 */
public record CalibrationRange(double min, double max) {

    public CalibrationRange {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("calibration range [" + min + ", " + max + "] is not finite");
        }
        if (min > 0 || max < 0) {
            throw new IllegalArgumentException("calibration range [" + min + ", " + max + "] must contain 0");
        }
    }

    /** The smallest range containing {@code lo}, {@code hi} and 0. */
    public static CalibrationRange including0(double lo, double hi) {
        return new CalibrationRange(Math.min(lo, 0), Math.max(hi, 0));
    }
}

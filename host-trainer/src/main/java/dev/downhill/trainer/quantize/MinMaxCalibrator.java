package dev.downhill.trainer.quantize;

/**
 * The whole observed range: no value seen on the calibration data is clipped. Best when the
 * calibration data is clean; a single outlier widens the step of every other value.
 */
public final class MinMaxCalibrator implements Calibrator {

    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    @Override
    public void observe(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("calibration saw a non-finite activation " + v);
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
    }

    @Override
    public CalibrationRange range() {
        if (min > max) {
            throw new IllegalStateException("no values observed");
        }
        return CalibrationRange.including0(min, max);
    }
}

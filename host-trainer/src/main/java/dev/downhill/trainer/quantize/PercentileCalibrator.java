package dev.downhill.trainer.quantize;

import java.util.Arrays;

/**
 * Clips the rare extremes: the range runs from the {@code (100 − p)}-th to the {@code p}-th
 * percentile of every value observed, so a few outliers cannot stretch the int8 step of the rest.
 *
 * <p>IMPLEMENTATION NOTES: all values are kept (a double per activation per sample), which is a few
 * MB for host calibration sets of thousands of samples; exact percentiles are simpler to reason
 * about than a histogram and need no bin-width choice. Percentiles use the nearest-rank rule on the
 * sorted values.
 */
public final class PercentileCalibrator implements Calibrator {

    private final double percentile;
    private double[] values = new double[1024];
    private int count;

    /**
     * @param percentile the upper percentile in (50, 100]; 100 is the same as min/max
     */
    public PercentileCalibrator(double percentile) {
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], got " + percentile);
        }
        this.percentile = percentile;
    }

    @Override
    public void observe(double[] sample) {
        if (count + sample.length > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, count + sample.length));
        }
        for (double v : sample) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("calibration saw a non-finite activation " + v);
            }
            values[count++] = v;
        }
    }

    @Override
    public CalibrationRange range() {
        if (count == 0) {
            throw new IllegalStateException("no values observed");
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return CalibrationRange.including0(sorted[rank(100 - percentile)], sorted[rank(percentile)]);
    }

    /** Nearest rank: the smallest index whose cumulative share reaches {@code p} percent. */
    private int rank(double p) {
        int r = (int) Math.ceil(p / 100 * count) - 1;
        return Math.max(0, Math.min(count - 1, r));
    }
}

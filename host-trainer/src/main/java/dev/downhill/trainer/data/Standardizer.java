package dev.downhill.trainer.data;

import java.util.Arrays;

/**
 * Input standardisation {@code z = (x - mean[i]) / deviation[i]}, with statistics computed on the training
 * data only and stored with the model, so the device and every later tool apply exactly the same shift and
 * scale. In {@link StandardizationMode#GLOBAL} mode all entries of {@code mean} and {@code deviation} are equal.
 *
 * <p>A deviation is never below {@link #floor()}; a deviation of exactly 0 (a constant column, with floor 0)
 * becomes 1, so the column passes through shifted but unscaled instead of dividing by zero.
 */
public final class Standardizer {
    private final StandardizationMode mode;
    private final double floor;
    private final double[] mean;
    private final double[] deviation;

    private Standardizer(StandardizationMode mode, double floor, double[] mean, double[] deviation) {
        this.mode = mode;
        this.floor = floor;
        this.mean = mean;
        this.deviation = deviation;
    }

    /** Computes the statistics of {@code train} (population deviation, two passes for accuracy). */
    public static Standardizer fit(Dataset train, StandardizationMode mode, double floor) {
        if (!(floor >= 0) || Double.isInfinite(floor)) {
            throw new IllegalArgumentException("deviation floor must be a finite number >= 0, got " + floor);
        }
        int n = train.size();
        int d = train.featureCount();
        double[] mean = new double[d];
        double[] deviation = new double[d];
        if (mode == StandardizationMode.GLOBAL) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < d; j++) {
                    sum += train.feature(r, j);
                }
            }
            double m = sum / ((double) n * d);
            double squares = 0;
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < d; j++) {
                    double e = train.feature(r, j) - m;
                    squares += e * e;
                }
            }
            Arrays.fill(mean, m);
            Arrays.fill(deviation, usable(Math.sqrt(squares / ((double) n * d)), floor));
        } else {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    sum += train.feature(r, j);
                }
                double m = sum / n;
                double squares = 0;
                for (int r = 0; r < n; r++) {
                    double e = train.feature(r, j) - m;
                    squares += e * e;
                }
                mean[j] = m;
                deviation[j] = usable(Math.sqrt(squares / n), floor);
            }
        }
        return new Standardizer(mode, floor, mean, deviation);
    }

    /** Rebuilds a standardiser from stored statistics (e.g. a model file); checks them. */
    public static Standardizer of(StandardizationMode mode, double floor, double[] mean, double[] deviation) {
        if (mean.length != deviation.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " entries, deviation "
                    + deviation.length);
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i]) || !(deviation[i] > 0) || Double.isInfinite(deviation[i])) {
                throw new IllegalArgumentException("feature " + i + ": mean " + mean[i] + " and deviation "
                        + deviation[i] + " are not usable (need finite values and a deviation > 0)");
            }
        }
        return new Standardizer(mode, floor, mean.clone(), deviation.clone());
    }

    private static double usable(double deviation, double floor) {
        double d = Math.max(deviation, floor);
        return d == 0 ? 1 : d;
    }

    /** Standardises one raw example into {@code out[offset .. offset + featureCount)}. */
    public void apply(double[] raw, float[] out, int offset) {
        for (int j = 0; j < mean.length; j++) {
            out[offset + j] = (float) ((raw[j] - mean[j]) / deviation[j]);
        }
    }

    /** Standardises example {@code row} of {@code data} into {@code out[offset ..]}. */
    public void apply(Dataset data, int row, float[] out, int offset) {
        for (int j = 0; j < mean.length; j++) {
            out[offset + j] = (float) ((data.feature(row, j) - mean[j]) / deviation[j]);
        }
    }

    public StandardizationMode mode() {
        return mode;
    }

    /** The smallest deviation used (in the data's own units); 0 means "only constant columns are fixed up". */
    public double floor() {
        return floor;
    }

    public int featureCount() {
        return mean.length;
    }

    /** Per-feature means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Per-feature deviations, floor already applied (a copy). */
    public double[] deviation() {
        return deviation.clone();
    }
}

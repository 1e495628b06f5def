package dev.downhill.trainer.landscape;

import java.util.function.DoubleBinaryOperator;

/**
 * Heights of a surface sampled on a regular grid: {@code z[j][i]} is the height at {@code (xs[i], ys[j])}.
 * The arrays are owned by the grid and must not be changed by callers.
 *
 * @param xs strictly increasing x coordinates, at least 2
 * @param ys strictly increasing y coordinates, at least 2
 * @param z heights, {@code ys.length} rows of {@code xs.length} values; may contain non-finite values
 *     where the loss overflowed
 */
public record HeightGrid(double[] xs, double[] ys, double[][] z) {

    public HeightGrid {
        if (xs.length < 2 || ys.length < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 x 2 points");
        }
        if (z.length != ys.length) {
            throw new IllegalArgumentException("z has " + z.length + " rows, expected " + ys.length);
        }
        for (double[] row : z) {
            if (row.length != xs.length) {
                throw new IllegalArgumentException("z row has " + row.length + " values, expected " + xs.length);
            }
        }
    }

    /**
     * Samples {@code height} on {@code nx × ny} evenly spaced points covering the given window. A classic
     * surface passes {@code surface::value}; a model passes its loss along two directions.
     */
    public static HeightGrid sample(DoubleBinaryOperator height, double xMin, double xMax, double yMin, double yMax,
            int nx, int ny) {
        double[] xs = linspace(xMin, xMax, nx);
        double[] ys = linspace(yMin, yMax, ny);
        double[][] z = new double[ny][nx];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                z[j][i] = height.applyAsDouble(xs[i], ys[j]);
            }
        }
        return new HeightGrid(xs, ys, z);
    }

    /** {@code n} evenly spaced values from {@code from} to {@code to}, both included. */
    public static double[] linspace(double from, double to, int n) {
        if (n < 2 || !(to > from)) {
            throw new IllegalArgumentException("need n >= 2 and to > from, found n=" + n + " from=" + from + " to=" + to);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + (to - from) * i / (n - 1);
        }
        return v;
    }

    /** The smallest finite height. */
    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v) && v < m) {
                    m = v;
                }
            }
        }
        return m;
    }

    /** The largest finite height. */
    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v) && v > m) {
                    m = v;
                }
            }
        }
        return m;
    }
}

package dev.downhill.trainer.landscape;

import java.util.Arrays;

/**
 * Iso-lines of a {@link HeightGrid} by marching squares: for each grid cell, where the level crosses the
 * cell's edges (found by linear interpolation between corners), joined by a straight segment. Segments
 * are returned as one coordinate list with {@code NaN} between them, which is how a line chart is told
 * to lift the pen.
 *
 * @param xs x coordinates of segment ends, {@code NaN} between segments
 * @param ys y coordinates, aligned with {@code xs}
 */
public record ContourLines(double[] xs, double[] ys) {

    /* IMPLEMENTATION NOTES
     * Corners are numbered 0 = (i, j), 1 = (i+1, j), 2 = (i+1, j+1), 3 = (i, j+1); edges 0..3 run
     * bottom, right, top, left. A corner is "in" when its height is at or above the level. The two
     * ambiguous cases (diagonal corners in) are split by the cell-centre average, the usual choice.
     * Cells with a non-finite corner are skipped: a diverged region draws no line instead of a wrong one. */

    /** Traces the iso-line at {@code level}. */
    public static ContourLines trace(HeightGrid grid, double level) {
        double[] xs = grid.xs();
        double[] ys = grid.ys();
        double[][] z = grid.z();
        Builder out = new Builder();
        for (int j = 0; j + 1 < ys.length; j++) {
            for (int i = 0; i + 1 < xs.length; i++) {
                double z0 = z[j][i];
                double z1 = z[j][i + 1];
                double z2 = z[j + 1][i + 1];
                double z3 = z[j + 1][i];
                if (!(Double.isFinite(z0) && Double.isFinite(z1) && Double.isFinite(z2) && Double.isFinite(z3))) {
                    continue;
                }
                int mask = (z0 >= level ? 1 : 0) | (z1 >= level ? 2 : 0) | (z2 >= level ? 4 : 0) | (z3 >= level ? 8 : 0);
                if (mask == 0 || mask == 15) {
                    continue;
                }
                double[] c = {z0, z1, z2, z3};
                double x0 = xs[i];
                double x1 = xs[i + 1];
                double y0 = ys[j];
                double y1 = ys[j + 1];
                boolean centreIn = (z0 + z1 + z2 + z3) / 4 >= level;
                switch (mask) {
                    case 1, 14 -> out.segment(edge(3, c, level, x0, x1, y0, y1), edge(0, c, level, x0, x1, y0, y1));
                    case 2, 13 -> out.segment(edge(0, c, level, x0, x1, y0, y1), edge(1, c, level, x0, x1, y0, y1));
                    case 3, 12 -> out.segment(edge(3, c, level, x0, x1, y0, y1), edge(1, c, level, x0, x1, y0, y1));
                    case 4, 11 -> out.segment(edge(1, c, level, x0, x1, y0, y1), edge(2, c, level, x0, x1, y0, y1));
                    case 6, 9 -> out.segment(edge(0, c, level, x0, x1, y0, y1), edge(2, c, level, x0, x1, y0, y1));
                    case 7, 8 -> out.segment(edge(3, c, level, x0, x1, y0, y1), edge(2, c, level, x0, x1, y0, y1));
                    case 5 -> {
                        // Corners 0 and 2 in: joined through the centre when it is in too.
                        if (centreIn) {
                            out.segment(edge(3, c, level, x0, x1, y0, y1), edge(2, c, level, x0, x1, y0, y1));
                            out.segment(edge(0, c, level, x0, x1, y0, y1), edge(1, c, level, x0, x1, y0, y1));
                        } else {
                            out.segment(edge(3, c, level, x0, x1, y0, y1), edge(0, c, level, x0, x1, y0, y1));
                            out.segment(edge(1, c, level, x0, x1, y0, y1), edge(2, c, level, x0, x1, y0, y1));
                        }
                    }
                    case 10 -> {
                        if (centreIn) {
                            out.segment(edge(3, c, level, x0, x1, y0, y1), edge(0, c, level, x0, x1, y0, y1));
                            out.segment(edge(1, c, level, x0, x1, y0, y1), edge(2, c, level, x0, x1, y0, y1));
                        } else {
                            out.segment(edge(0, c, level, x0, x1, y0, y1), edge(1, c, level, x0, x1, y0, y1));
                            out.segment(edge(3, c, level, x0, x1, y0, y1), edge(2, c, level, x0, x1, y0, y1));
                        }
                    }
                    default -> throw new IllegalStateException("unreachable marching-squares case " + mask);
                }
            }
        }
        return out.build();
    }

    /**
     * {@code count} levels between the grid's lowest and highest finite height, spaced geometrically
     * above the lowest (from a thousandth of the range to all of it), so the floor of a valley gets as many
     * lines as its walls. Loss surfaces span orders of magnitude; evenly spaced levels would draw only
     * the walls.
     */
    public static double[] levels(HeightGrid grid, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("need at least 2 contour levels, found " + count);
        }
        double min = grid.min();
        double span = grid.max() - min;
        if (!(span > 0)) {
            throw new IllegalArgumentException("the surface is flat over the window: no contour lines to draw");
        }
        double[] levels = new double[count];
        for (int k = 0; k < count; k++) {
            levels[k] = min + span * Math.pow(10, -3 + 3.0 * k / (count - 1));
        }
        return levels;
    }

    /** The point where the level crosses edge {@code e} of the cell, as {x, y}. */
    private static double[] edge(int e, double[] c, double level, double x0, double x1, double y0, double y1) {
        return switch (e) {
            case 0 -> new double[] {lerp(x0, x1, c[0], c[1], level), y0};
            case 1 -> new double[] {x1, lerp(y0, y1, c[1], c[2], level)};
            case 2 -> new double[] {lerp(x0, x1, c[3], c[2], level), y1};
            case 3 -> new double[] {x0, lerp(y0, y1, c[0], c[3], level)};
            default -> throw new IllegalArgumentException("edge " + e);
        };
    }

    private static double lerp(double p0, double p1, double v0, double v1, double level) {
        double t = (level - v0) / (v1 - v0);
        return p0 + (p1 - p0) * t;
    }

    /** Number of segments. */
    public int segmentCount() {
        return (xs.length + 1) / 3;
    }

    private static final class Builder {
        private double[] xs = new double[64];
        private double[] ys = new double[64];
        private int n;

        void segment(double[] a, double[] b) {
            if (n + 3 > xs.length) {
                xs = Arrays.copyOf(xs, xs.length * 2);
                ys = Arrays.copyOf(ys, ys.length * 2);
            }
            if (n > 0) {
                xs[n] = Double.NaN;
                ys[n] = Double.NaN;
                n++;
            }
            xs[n] = a[0];
            ys[n] = a[1];
            xs[n + 1] = b[0];
            ys[n + 1] = b[1];
            n += 2;
        }

        ContourLines build() {
            return new ContourLines(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
        }
    }
}

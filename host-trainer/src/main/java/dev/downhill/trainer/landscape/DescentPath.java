package dev.downhill.trainer.landscape;

/**
 * The points an optimiser visited, in order, projected onto the two plotted axes.
 *
 * @param label legend text, e.g. "SGD lr 0.1"
 * @param xs x of each visited point, the start first
 * @param ys y of each visited point
 * @param diverged whether the run was stopped because the loss became non-finite or left the window far
 *     behind (the last point is then the last finite one)
 */
public record DescentPath(String label, double[] xs, double[] ys, boolean diverged) {

    public DescentPath {
        if (xs.length != ys.length || xs.length == 0) {
            throw new IllegalArgumentException("a path needs matching, non-empty x and y arrays");
        }
    }

    /** Number of points (steps + 1). */
    public int size() {
        return xs.length;
    }

    /** The last point's x. */
    public double endX() {
        return xs[xs.length - 1];
    }

    /** The last point's y. */
    public double endY() {
        return ys[ys.length - 1];
    }
}

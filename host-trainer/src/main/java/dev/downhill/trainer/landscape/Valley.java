package dev.downhill.trainer.landscape;

/**
 * A long, narrow valley: {@code L = (x² + steepness·y²) / 2}. The slope across the valley is
 * {@code steepness} times the slope along it, so one learning rate is too small for one direction and
 * nearly too large for the other: gradient descent zig-zags across and crawls along. Plain gradient
 * descent is stable only while {@code rate < 2 / steepness}; above that each step across overshoots by
 * more than it corrects and the path leaves the valley.
 */
public final class Valley implements Surface2d {

    private final double steepness;

    /** @param steepness curvature across the valley relative to along it, greater than 0 */
    public Valley(double steepness) {
        if (!(steepness > 0)) {
            throw new IllegalArgumentException("steepness must be positive, found " + steepness);
        }
        this.steepness = steepness;
    }

    /** The largest learning rate for which plain gradient descent converges here. */
    public double largestStableRate() {
        return 2 / Math.max(1, steepness);
    }

    @Override
    public double value(double x, double y) {
        return 0.5 * (x * x + steepness * y * y);
    }

    @Override
    public void gradient(double x, double y, double[] out) {
        out[0] = x;
        out[1] = steepness * y;
    }
}

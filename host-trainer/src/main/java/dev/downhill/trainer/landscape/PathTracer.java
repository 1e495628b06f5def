package dev.downhill.trainer.landscape;

/**
 * Runs an optimiser on a {@link Surface2d} from a start point and records where it went. A run stops
 * early when the point or its loss stops being finite, or wanders {@code escapeRadius} away from the
 * start: a diverging run is part of the lesson, not an error.
 */
public final class PathTracer {

    private final Surface2d surface;
    private final double escapeRadius;

    /**
     * @param surface the loss to descend
     * @param escapeRadius distance from the start after which a run counts as diverged
     */
    public PathTracer(Surface2d surface, double escapeRadius) {
        if (!(escapeRadius > 0)) {
            throw new IllegalArgumentException("escapeRadius must be positive, found " + escapeRadius);
        }
        this.surface = surface;
        this.escapeRadius = escapeRadius;
    }

    /** Takes up to {@code steps} steps of {@code rule} from {@code (x0, y0)}. */
    public DescentPath trace(String label, StepRule rule, double x0, double y0, int steps) {
        double[] xs = new double[steps + 1];
        double[] ys = new double[steps + 1];
        double[] point = {x0, y0};
        double[] gradient = new double[2];
        xs[0] = x0;
        ys[0] = y0;
        int n = 1;
        boolean diverged = false;
        for (int s = 0; s < steps; s++) {
            surface.gradient(point[0], point[1], gradient);
            rule.step(point, gradient);
            double dx = point[0] - x0;
            double dy = point[1] - y0;
            if (!Double.isFinite(point[0]) || !Double.isFinite(point[1])
                    || !Double.isFinite(surface.value(point[0], point[1]))
                    || dx * dx + dy * dy > escapeRadius * escapeRadius) {
                diverged = true;
                if (Double.isFinite(point[0]) && Double.isFinite(point[1])) {
                    xs[n] = point[0];
                    ys[n] = point[1];
                    n++;
                }
                break;
            }
            xs[n] = point[0];
            ys[n] = point[1];
            n++;
        }
        return new DescentPath(label, java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n), diverged);
    }
}

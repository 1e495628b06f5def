package dev.downhill.trainer.landscape;

/**
 * One optimiser as {@link PathTracer} drives it on a two-parameter surface: called once per step with the
 * current point and the gradient there, it moves the point in place. Implementations keep their own state
 * (velocity, moment estimates) between calls; a fresh instance starts a fresh run.
 */
public interface StepRule {

    /** Moves {@code point[0..1]} one step, given {@code gradient[0..1]} at that point. */
    void step(double[] point, double[] gradient);
}

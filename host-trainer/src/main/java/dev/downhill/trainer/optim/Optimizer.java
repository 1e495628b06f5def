package dev.downhill.trainer.optim;

/**
 * Turns gradients into parameter updates. Parameters are a list of arrays ("blocks", e.g.
 * {@code Mlp.parameterBlocks()}); gradients come as blocks of the same shapes. The learning rate is an
 * argument of every {@link #step}, chosen by a {@code schedule.LearningRateSchedule}: optimisers hold their
 * own state (momentum, moment estimates) but no decay rule.
 *
 * <p>Call order:
 * <ol>
 *   <li>{@link #init(float[][])} once with the parameter blocks (allocates zeroed state of the same shapes);</li>
 *   <li>per mini-batch: the caller clears the gradients, accumulates the batch gradient (mean over the
 *       batch), optionally clips it ({@link GradientClipper}), then calls {@link #step} once;</li>
 *   <li>{@link #reset()} to forget all state (e.g. before reusing the optimiser for a new run with the same
 *       shapes); call {@code init} again for different shapes.</li>
 * </ol>
 * Implementations are deterministic: the same gradients and rates give bit-identical parameters.
 */
public interface Optimizer {
    /** Allocates zeroed state shaped like {@code params}. */
    void init(float[][] params);

    /**
     * Updates {@code params} in place from {@code grads} (same shapes as given to {@link #init}).
     *
     * @param learningRate the step size for this step, from the schedule
     */
    void step(float[][] params, float[][] grads, double learningRate);

    /** Zeroes all state (moments, step count). */
    void reset();

    /** Short name for logs: {@code sgd}, {@code momentum}, {@code nesterov}, {@code adam}, {@code adamw}. */
    String name();

    /** Zeroed arrays shaped like {@code blocks}: optimiser state. */
    static float[][] zerosLike(float[][] blocks) {
        float[][] z = new float[blocks.length][];
        for (int k = 0; k < blocks.length; k++) {
            z[k] = new float[blocks[k].length];
        }
        return z;
    }
}

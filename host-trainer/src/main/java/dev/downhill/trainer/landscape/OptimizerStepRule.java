package dev.downhill.trainer.landscape;

import dev.downhill.trainer.optim.Optimizer;

/**
 * Drives one of the trainer's own optimisers on a two-parameter surface, so the paths in the classic
 * pictures come from exactly the code that trains the models (float parameters and all).
 */
public final class OptimizerStepRule implements StepRule {

    private final Optimizer optimizer;
    private final double learningRate;
    private final float[][] params = {new float[2]};
    private final float[][] grads = {new float[2]};

    /** Takes ownership of {@code optimizer} (it is initialised for two parameters here). */
    public OptimizerStepRule(Optimizer optimizer, double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, found " + learningRate);
        }
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        optimizer.init(params);
    }

    @Override
    public void step(double[] point, double[] gradient) {
        params[0][0] = (float) point[0];
        params[0][1] = (float) point[1];
        grads[0][0] = (float) gradient[0];
        grads[0][1] = (float) gradient[1];
        optimizer.step(params, grads, learningRate);
        point[0] = params[0][0];
        point[1] = params[0][1];
    }
}

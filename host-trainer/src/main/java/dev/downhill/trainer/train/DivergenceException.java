package dev.downhill.trainer.train;

import dev.downhill.trainer.DownhillException;

/** Training blew up (NaN/Infinity, or a loss far above where it started); nothing should be saved. */
public final class DivergenceException extends DownhillException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final double learningRate;

    public DivergenceException(String message, int epoch, double learningRate) {
        super(message);
        this.epoch = epoch;
        this.learningRate = learningRate;
    }

    /** The epoch (1-based) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The configured (base) learning rate. */
    public double learningRate() {
        return learningRate;
    }
}

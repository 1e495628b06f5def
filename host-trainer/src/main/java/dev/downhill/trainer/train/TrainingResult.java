package dev.downhill.trainer.train;

import dev.downhill.trainer.nn.Mlp;

/**
 * What a training run produced.
 *
 * @param network         the trained network (the best-validation weights when early stopping was on)
 * @param log             one record per epoch run
 * @param bestEpoch       the epoch whose weights {@code network} holds
 * @param stoppedEarly    true when early stopping ended the run before the last epoch
 * @param trainingSeconds time spent in mini-batch steps only (no validation, no I/O): for throughput
 * @param examplesSeen    number of examples processed by those steps (epochs run x training set size)
 * @param epochStepSeconds per epoch, the time spent in its mini-batch steps
 */
public record TrainingResult(Mlp network, TrainLog log, int bestEpoch, boolean stoppedEarly,
                             double trainingSeconds, long examplesSeen, double[] epochStepSeconds) {
    /** Training throughput over the whole run, in examples per second (includes JIT warm-up). */
    public double examplesPerSecond() {
        return examplesSeen / trainingSeconds;
    }

    /**
     * Throughput over the second half of the epochs, when the JIT compiler has long finished: the steady
     * state a longer run would see. Equal to {@link #examplesPerSecond()} for runs of one epoch.
     */
    public double steadyExamplesPerSecond() {
        int epochs = epochStepSeconds.length;
        int from = epochs / 2;
        double seconds = 0;
        for (int e = from; e < epochs; e++) {
            seconds += epochStepSeconds[e];
        }
        return (double) examplesSeen / epochs * (epochs - from) / seconds;
    }
}

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
 */
public record TrainingResult(Mlp network, TrainLog log, int bestEpoch, boolean stoppedEarly,
                             double trainingSeconds, long examplesSeen) {
    /** Training throughput in examples per second. */
    public double examplesPerSecond() {
        return examplesSeen / trainingSeconds;
    }
}

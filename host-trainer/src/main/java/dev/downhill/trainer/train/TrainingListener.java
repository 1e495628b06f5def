package dev.downhill.trainer.train;

/** Observes a training run (progress bars, logs). Methods run on the training thread; keep them cheap. */
public interface TrainingListener {
    /** No-op listener. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Called once before the first epoch. */
    default void onStart(int epochs, int stepsPerEpoch) {
    }

    /** Called after each epoch, validation included. */
    default void onEpoch(EpochRecord record) {
    }

    /** Called once after the last epoch (not after divergence). */
    default void onFinish() {
    }
}

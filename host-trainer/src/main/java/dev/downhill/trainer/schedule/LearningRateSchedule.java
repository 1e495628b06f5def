package dev.downhill.trainer.schedule;

/**
 * The learning rate as a function of the optimiser step (0-based, counted over the whole run). Schedules are
 * pure functions of the step, kept apart from optimisers so any schedule combines with any optimiser.
 */
public interface LearningRateSchedule {
    /** The rate to use for optimiser step {@code step} (0-based). */
    double rateAt(long step);
}

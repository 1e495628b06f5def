package dev.downhill.trainer.schedule;

/** The same rate at every step. */
public record ConstantSchedule(double rate) implements LearningRateSchedule {
    public ConstantSchedule {
        Schedules.requireRate(rate);
    }

    @Override
    public double rateAt(long step) {
        return rate;
    }
}

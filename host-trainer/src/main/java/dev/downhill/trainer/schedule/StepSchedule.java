package dev.downhill.trainer.schedule;

/** {@code rate * gamma^floor(step / period)}: the rate drops by {@code gamma} every {@code period} steps. */
public record StepSchedule(double rate, long period, double gamma) implements LearningRateSchedule {
    public StepSchedule {
        Schedules.requireRate(rate);
        if (period <= 0 || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("need period > 0 and gamma in (0, 1], got " + period + ", " + gamma);
        }
    }

    @Override
    public double rateAt(long step) {
        return rate * StrictMath.pow(gamma, Math.floorDiv(step, period));
    }
}

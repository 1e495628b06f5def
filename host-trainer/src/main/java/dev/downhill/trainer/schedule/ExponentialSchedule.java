package dev.downhill.trainer.schedule;

/** {@code rate * gamma^(step / period)}: a smooth decay by {@code gamma} per {@code period} steps. */
public record ExponentialSchedule(double rate, long period, double gamma) implements LearningRateSchedule {
    public ExponentialSchedule {
        Schedules.requireRate(rate);
        if (period <= 0 || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("need period > 0 and gamma in (0, 1], got " + period + ", " + gamma);
        }
    }

    @Override
    public double rateAt(long step) {
        return rate * StrictMath.pow(gamma, (double) step / period);
    }
}

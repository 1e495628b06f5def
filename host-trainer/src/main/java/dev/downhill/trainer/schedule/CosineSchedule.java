package dev.downhill.trainer.schedule;

/**
 * Cosine annealing from {@code rate} at step 0 to {@code minRate} at step {@code totalSteps}, then constant:
 * {@code min + (rate - min) * (1 + cos(pi * step / total)) / 2}. Large steps early, small steps near the end.
 */
public record CosineSchedule(double rate, long totalSteps, double minRate) implements LearningRateSchedule {
    public CosineSchedule {
        Schedules.requireRate(rate);
        if (totalSteps <= 0 || !(minRate >= 0 && minRate <= rate)) {
            throw new IllegalArgumentException("need totalSteps > 0 and 0 <= minRate <= rate");
        }
    }

    @Override
    public double rateAt(long step) {
        double progress = Math.min(1.0, Math.max(0.0, (double) step / totalSteps));
        return minRate + (rate - minRate) * 0.5 * (1 + StrictMath.cos(Math.PI * progress));
    }
}

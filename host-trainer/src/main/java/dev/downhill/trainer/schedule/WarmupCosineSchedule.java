package dev.downhill.trainer.schedule;

/**
 * Linear warm-up from {@code rate / warmupSteps} to {@code rate} over the first {@code warmupSteps} steps,
 * then cosine annealing to {@code minRate} over the remaining steps. Warm-up keeps the first updates small
 * while Adam's moment estimates (or momentum) are still unreliable.
 */
public record WarmupCosineSchedule(double rate, long warmupSteps, long totalSteps, double minRate)
        implements LearningRateSchedule {
    public WarmupCosineSchedule {
        Schedules.requireRate(rate);
        if (warmupSteps < 0 || totalSteps <= warmupSteps || !(minRate >= 0 && minRate <= rate)) {
            throw new IllegalArgumentException("need 0 <= warmupSteps < totalSteps and 0 <= minRate <= rate, got "
                    + warmupSteps + ", " + totalSteps + ", " + minRate);
        }
    }

    @Override
    public double rateAt(long step) {
        if (step < warmupSteps) {
            return rate * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return minRate + (rate - minRate) * 0.5 * (1 + StrictMath.cos(Math.PI * progress));
    }
}

package dev.downhill.trainer.schedule;

import java.util.Locale;

/**
 * A schedule as the user describes it, in epochs (the CLI's units), turned into a step-based
 * {@link LearningRateSchedule} once the number of steps per epoch is known.
 *
 * @param kind         which schedule
 * @param stepEpochs   for {@link Kind#STEP}: epochs between drops
 * @param gamma        for {@link Kind#STEP} (per drop) and {@link Kind#EXPONENTIAL} (per epoch)
 * @param warmupEpochs for {@link Kind#WARMUP_COSINE}
 * @param minRate      for the cosine schedules: the final rate
 */
public record ScheduleSpec(Kind kind, int stepEpochs, double gamma, double warmupEpochs, double minRate) {
    /** The schedules offered on the command line. */
    public enum Kind {
        CONSTANT, STEP, EXPONENTIAL, COSINE, WARMUP_COSINE;

        /** Command-line spelling: constant, step, exponential, cosine, warmup-cosine. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind fromId(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown schedule '" + id
                    + "' (expected constant, step, exponential, cosine or warmup-cosine)");
        }
    }

    /** A constant rate. */
    public static ScheduleSpec constant() {
        return new ScheduleSpec(Kind.CONSTANT, 1, 1, 0, 0);
    }

    /** Builds the schedule for a run of {@code epochs} epochs of {@code stepsPerEpoch} steps. */
    public LearningRateSchedule build(double rate, int stepsPerEpoch, int epochs) {
        long total = (long) stepsPerEpoch * epochs;
        return switch (kind) {
            case CONSTANT -> new ConstantSchedule(rate);
            case STEP -> new StepSchedule(rate, (long) stepEpochs * stepsPerEpoch, gamma);
            case EXPONENTIAL -> new ExponentialSchedule(rate, stepsPerEpoch, gamma);
            case COSINE -> new CosineSchedule(rate, total, minRate);
            case WARMUP_COSINE -> new WarmupCosineSchedule(rate,
                    Math.min(total - 1, Math.round(warmupEpochs * stepsPerEpoch)), total, minRate);
        };
    }
}

package dev.downhill.trainer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** One class for the five small schedules: each is a formula checked at a few telling steps. */
class ScheduleTest {
    @Test
    void constant() {
        assertThat(new ConstantSchedule(0.1).rateAt(0)).isEqualTo(0.1);
        assertThat(new ConstantSchedule(0.1).rateAt(1_000_000)).isEqualTo(0.1);
    }

    @Test
    void stepDropsEveryPeriod() {
        StepSchedule s = new StepSchedule(1, 10, 0.5);
        assertThat(s.rateAt(9)).isEqualTo(1.0);
        assertThat(s.rateAt(10)).isEqualTo(0.5);
        assertThat(s.rateAt(25)).isEqualTo(0.25);
    }

    @Test
    void exponentialDecaysSmoothly() {
        ExponentialSchedule s = new ExponentialSchedule(1, 10, 0.5);
        assertThat(s.rateAt(5)).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(s.rateAt(20)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void cosineGoesFromRateToMinimum() {
        CosineSchedule s = new CosineSchedule(1, 100, 0.1);
        assertThat(s.rateAt(0)).isEqualTo(1.0);
        assertThat(s.rateAt(50)).isCloseTo(0.55, within(1e-12));
        assertThat(s.rateAt(100)).isCloseTo(0.1, within(1e-12));
        assertThat(s.rateAt(500)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void warmupRisesLinearlyThenFollowsCosine() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(1, 10, 110, 0);
        assertThat(s.rateAt(0)).isCloseTo(0.1, within(1e-12));
        assertThat(s.rateAt(4)).isCloseTo(0.5, within(1e-12));
        assertThat(s.rateAt(10)).isEqualTo(1.0);
        assertThat(s.rateAt(60)).isCloseTo(0.5, within(1e-12));
        assertThat(s.rateAt(110)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void specConvertsEpochsToSteps() {
        ScheduleSpec step = new ScheduleSpec(ScheduleSpec.Kind.STEP, 2, 0.1, 0, 0);
        LearningRateSchedule s = step.build(1, 5, 10); // 5 steps per epoch: drop every 10 steps
        assertThat(s.rateAt(9)).isEqualTo(1.0);
        assertThat(s.rateAt(10)).isCloseTo(0.1, within(1e-12));
        LearningRateSchedule w = new ScheduleSpec(ScheduleSpec.Kind.WARMUP_COSINE, 1, 1, 1, 0).build(1, 5, 10);
        assertThat(w.rateAt(0)).isCloseTo(0.2, within(1e-12));
        assertThat(ScheduleSpec.Kind.fromId("warmup-cosine")).isEqualTo(ScheduleSpec.Kind.WARMUP_COSINE);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ConstantSchedule(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepSchedule(1, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CosineSchedule(1, 10, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScheduleSpec.Kind.fromId("linear")).hasMessageContaining("unknown schedule");
    }
}

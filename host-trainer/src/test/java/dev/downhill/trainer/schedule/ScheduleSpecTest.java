package dev.downhill.trainer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleSpecTest {
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

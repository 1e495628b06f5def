package dev.downhill.trainer.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepScheduleTest {
    @Test
    void stepDropsEveryPeriod() {
        StepSchedule s = new StepSchedule(1, 10, 0.5);
        assertThat(s.rateAt(9)).isEqualTo(1.0);
        assertThat(s.rateAt(10)).isEqualTo(0.5);
        assertThat(s.rateAt(25)).isEqualTo(0.25);
    }
}

package dev.downhill.trainer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExponentialScheduleTest {
    @Test
    void exponentialDecaysSmoothly() {
        ExponentialSchedule s = new ExponentialSchedule(1, 10, 0.5);
        assertThat(s.rateAt(5)).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(s.rateAt(20)).isCloseTo(0.25, within(1e-12));
    }
}

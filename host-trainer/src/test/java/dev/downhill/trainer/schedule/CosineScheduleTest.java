package dev.downhill.trainer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CosineScheduleTest {
    @Test
    void cosineGoesFromRateToMinimum() {
        CosineSchedule s = new CosineSchedule(1, 100, 0.1);
        assertThat(s.rateAt(0)).isEqualTo(1.0);
        assertThat(s.rateAt(50)).isCloseTo(0.55, within(1e-12));
        assertThat(s.rateAt(100)).isCloseTo(0.1, within(1e-12));
        assertThat(s.rateAt(500)).isCloseTo(0.1, within(1e-12));
    }
}

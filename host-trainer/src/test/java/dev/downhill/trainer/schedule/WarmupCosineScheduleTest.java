package dev.downhill.trainer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WarmupCosineScheduleTest {
    @Test
    void warmupRisesLinearlyThenFollowsCosine() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(1, 10, 110, 0);
        assertThat(s.rateAt(0)).isCloseTo(0.1, within(1e-12));
        assertThat(s.rateAt(4)).isCloseTo(0.5, within(1e-12));
        assertThat(s.rateAt(10)).isEqualTo(1.0);
        assertThat(s.rateAt(60)).isCloseTo(0.5, within(1e-12));
        assertThat(s.rateAt(110)).isCloseTo(0.0, within(1e-12));
    }
}

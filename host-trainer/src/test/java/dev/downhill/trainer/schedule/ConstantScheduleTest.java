package dev.downhill.trainer.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantScheduleTest {
    @Test
    void constant() {
        assertThat(new ConstantSchedule(0.1).rateAt(0)).isEqualTo(0.1);
        assertThat(new ConstantSchedule(0.1).rateAt(1_000_000)).isEqualTo(0.1);
    }
}

package dev.downhill.trainer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioTraceTest {

    private static ScenarioTrace trace() {
        ScenarioTrace t = new ScenarioTrace(4, 0);
        // frozen: right before the drift (samples 0..3), wrong after; adaptive: recovers from sample 6;
        // float reference: recovers from sample 5.
        for (int i = 0; i < 300; i++) {
            t.record(i < 4, i < 4 || i >= 6, i < 4 || i >= 5);
        }
        return t;
    }

    @Test
    void growsPastItsInitialCapacityAndRemembersEverySample() {
        ScenarioTrace t = trace();
        assertThat(t.size()).isEqualTo(300);
        assertThat(t.hit(ScenarioTrace.FROZEN, 3)).isTrue();
        assertThat(t.hit(ScenarioTrace.FROZEN, 299)).isFalse();
        assertThat(t.hit(ScenarioTrace.ADAPTIVE, 5)).isFalse();
        assertThat(t.hit(ScenarioTrace.ADAPTIVE, 299)).isTrue();
        assertThatThrownBy(() -> t.hit(ScenarioTrace.FROZEN, 300)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void accuracyOverRanges() {
        ScenarioTrace t = trace();
        assertThat(t.accuracy(ScenarioTrace.FROZEN, 0, 4)).isEqualTo(1.0);
        assertThat(t.accuracy(ScenarioTrace.FROZEN, 4, 300)).isEqualTo(0.0);
        assertThat(t.accuracy(ScenarioTrace.ADAPTIVE, 4, 8)).isEqualTo(0.5);
        assertThat(t.accuracy(ScenarioTrace.FLOAT_REFERENCE, 4, 8)).isEqualTo(0.75);
        assertThat(t.accuracy(ScenarioTrace.FROZEN, 10, 10)).isNaN();
    }

    @Test
    void rollingPercentUsesTheBoardsWindow() {
        double[] frozen = trace().rollingPercent(ScenarioTrace.FROZEN, 4);
        assertThat(frozen[3]).isEqualTo(100.0);
        assertThat(frozen[4]).isEqualTo(75.0);
        assertThat(frozen[5]).isEqualTo(50.0);
        assertThat(frozen[7]).isEqualTo(0.0);
        double[] adaptive = trace().rollingPercent(ScenarioTrace.ADAPTIVE, 4);
        assertThat(adaptive[9]).isEqualTo(100.0);
    }
}

package dev.downhill.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        EarlyStopping s = new EarlyStopping(2);
        assertThat(s.update(1, 1.0)).isTrue();
        assertThat(s.update(2, 0.8)).isTrue();
        assertThat(s.update(3, 0.8)).isFalse(); // equal is not better
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.update(4, 0.9)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestEpoch()).isEqualTo(2);
        assertThat(s.bestLoss()).isEqualTo(0.8);
    }

    @Test
    void improvementResetsTheCount() {
        EarlyStopping s = new EarlyStopping(2);
        s.update(1, 1.0);
        s.update(2, 1.1);
        s.update(3, 0.5);
        s.update(4, 0.6);
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.bestEpoch()).isEqualTo(3);
    }
}

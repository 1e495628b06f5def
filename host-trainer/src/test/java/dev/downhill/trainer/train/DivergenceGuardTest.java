package dev.downhill.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
    @Test
    void nanLossStopsImmediatelyAndNamesTheRate() {
        DivergenceGuard g = new DivergenceGuard(10, 0.5);
        g.checkBatch(2.3, 1);
        assertThatThrownBy(() -> g.checkBatch(Double.NaN, 2))
                .isInstanceOf(DivergenceException.class)
                .hasMessage("training diverged in epoch 2: the loss became NaN with learning rate 0.5; try a smaller "
                        + "one, e.g. --lr 0.05 (no model written)");
    }

    @Test
    void epochLossFarAboveTheStartStops() {
        DivergenceGuard g = new DivergenceGuard(10, 0.01);
        g.checkBatch(2.0, 1);
        assertThatCode(() -> g.checkEpoch(19.9, 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> g.checkEpoch(20.1, 2)).hasMessageContaining("the loss rose to 20.1, more than 10 "
                + "times its starting value 2");
    }

    @Test
    void tinyStartingLossesGetAFloor() {
        DivergenceGuard g = new DivergenceGuard(10, 0.01);
        g.checkBatch(1e-6, 1);
        assertThatCode(() -> g.checkEpoch(0.5, 1)).doesNotThrowAnyException();
    }

    @Test
    void formatsRatesAsTypable() {
        assertThat(DivergenceGuard.format(0.0010)).isEqualTo("0.001");
        assertThat(DivergenceGuard.format(1e-7)).isEqualTo("1E-7");
        assertThat(DivergenceGuard.format(1e4)).isEqualTo("10000");
        assertThat(DivergenceGuard.format(2.3456789)).isEqualTo("2.346");
        assertThat(DivergenceGuard.format(300)).isEqualTo("300");
    }
}

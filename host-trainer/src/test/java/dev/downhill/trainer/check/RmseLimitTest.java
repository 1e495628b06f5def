package dev.downhill.trainer.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RmseLimitTest {

    @Test
    void relativeLimitComparesTheRatio() {
        RmseLimit five = RmseLimit.parse("5%");
        assertThat(five.relative()).isTrue();
        assertThat(five.increase(0.2, 0.21)).isCloseTo(5.0, within(1e-9));
        assertThat(five.allows(0.2, 0.2099)).isTrue();
        assertThat(five.allows(0.2, 0.2101)).isFalse();
        assertThat(five.formatIncrease(five.increase(0.2, 0.19))).isEqualTo("-5.00%");
        assertThat(five).hasToString("5%");
    }

    @Test
    void absoluteLimitIsInTargetUnits() {
        RmseLimit abs = RmseLimit.parse("0.02");
        assertThat(abs.relative()).isFalse();
        assertThat(abs.increase(0.5, 0.53)).isCloseTo(0.03, within(1e-12));
        assertThat(abs.allows(0.5, 0.519)).isTrue();
        assertThat(abs.allows(0.5, 0.521)).isFalse();
        assertThat(abs).hasToString("0.02");
    }

    @Test
    void aPerfectFloatModelAllowsNoRelativeIncrease() {
        RmseLimit five = RmseLimit.parse("5%");
        assertThat(five.allows(0, 0)).isTrue();
        assertThat(five.allows(0, 1e-9)).isFalse();
    }

    @Test
    void badLimitsAreRejected() {
        assertThatThrownBy(() -> RmseLimit.parse("five")).hasMessageContaining("'five' is not an RMSE increase");
        assertThatThrownBy(() -> RmseLimit.parse("-1%")).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> RmseLimit.parse("NaN")).hasMessageContaining(">= 0");
    }
}

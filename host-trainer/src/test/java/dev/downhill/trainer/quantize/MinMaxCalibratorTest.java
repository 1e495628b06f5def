package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinMaxCalibratorTest {

    @Test
    void coversEveryObservedValueAndZero() {
        MinMaxCalibrator c = new MinMaxCalibrator();
        c.observe(new double[] {0.5, 2.0});
        c.observe(new double[] {-1.25, 1.0});
        assertThat(c.range()).isEqualTo(new CalibrationRange(-1.25, 2.0));
    }

    @Test
    void positiveOnlyValuesStillStartAtZero() {
        MinMaxCalibrator c = new MinMaxCalibrator();
        c.observe(new double[] {3, 4, 5});
        assertThat(c.range()).isEqualTo(new CalibrationRange(0, 5));
    }

    @Test
    void refusesNonFiniteValuesAndEmptyUse() {
        MinMaxCalibrator c = new MinMaxCalibrator();
        assertThatThrownBy(c::range).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.observe(new double[] {Double.NaN})).hasMessageContaining("non-finite");
    }
}

package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputStageTest {

    @Test
    void foldsMeanWithSubUnitPrecisionAndGainIntoTheMultiplier() {
        TensorQuantization in = new TensorQuantization(0.0625f, -3);
        InputStage s = InputStage.fold(new double[] {4.25, 0}, new double[] {2, 0.5}, in);
        assertThat(s.preShift()).isEqualTo(15);
        assertThat(s.zeroPoint()).isEqualTo(-3);
        assertThat(s.offsets()).containsExactly(139264, 0);
        // gain 1 / (2 * 0.0625) = 8 int8 steps per raw unit, spread over 2^15: m = 2^-12 -> (2^30, -11).
        assertThat(new QuantizedMultiplier(s.multipliers()[0], s.shifts()[0])).isEqualTo(new QuantizedMultiplier(1 << 30, -11));
        // gain 32 per raw unit -> m = 2^-10 -> (2^30, -9).
        assertThat(new QuantizedMultiplier(s.multipliers()[1], s.shifts()[1])).isEqualTo(new QuantizedMultiplier(1 << 30, -9));
    }

    /** Readings in units of 10^-d: the fold is that of integer data whose mean and deviation are 10^d larger. */
    @Test
    void foldsTheRawUnitsIntoMeanAndGain() {
        TensorQuantization in = new TensorQuantization(0.0625f, -3);
        InputStage tenths = InputStage.fold(new double[] {0.425, 120000}, new double[] {0.2, 50000}, in,
                RawUnits.of(1, -4));
        InputStage integer = InputStage.fold(new double[] {4.25, 12}, new double[] {2, 5}, in);
        assertThat(tenths.units()).isEqualTo(RawUnits.of(1, -4));
        assertThat(integer.units()).isEqualTo(RawUnits.ones(2));
        assertThat(tenths.offsets()).containsExactly(integer.offsets());
        assertThat(tenths.multipliers()).containsExactly(integer.multipliers());
        assertThat(tenths.shifts()).containsExactly(integer.shifts());
        // A mean inside int16 in the CSV's unit may not be in the raw unit: 4000.5 is 40005 tenths.
        assertThatThrownBy(() -> InputStage.fold(new double[] {4000.5}, new double[] {1}, in, RawUnits.of(1)))
                .hasMessageContaining("mean of feature 0 (40005.0 in units of 0.1) is outside the int16 raw range");
        assertThatThrownBy(() -> InputStage.fold(new double[] {1}, new double[] {1}, in, RawUnits.of(1, 1)))
                .hasMessageContaining("2 raw units for 1 features");
    }

    @Test
    void rejectsMeansOutsideTheRawRangeAndBadDeviations() {
        TensorQuantization in = new TensorQuantization(0.1f, 0);
        assertThatThrownBy(() -> InputStage.fold(new double[] {1e6}, new double[] {1}, in)).hasMessageContaining("feature 0");
        assertThatThrownBy(() -> InputStage.fold(new double[] {0, 0}, new double[] {1, 0}, in))
                .hasMessageContaining("deviation of feature 1");
    }
}

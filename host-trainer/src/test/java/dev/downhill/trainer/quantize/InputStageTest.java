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

    @Test
    void rejectsMeansOutsideTheRawRangeAndBadDeviations() {
        TensorQuantization in = new TensorQuantization(0.1f, 0);
        assertThatThrownBy(() -> InputStage.fold(new double[] {1e6}, new double[] {1}, in)).hasMessageContaining("feature 0");
        assertThatThrownBy(() -> InputStage.fold(new double[] {0, 0}, new double[] {1, 0}, in))
                .hasMessageContaining("deviation of feature 1");
    }
}

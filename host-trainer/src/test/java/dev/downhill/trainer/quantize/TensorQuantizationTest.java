package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorQuantizationTest {

    @Test
    void reluOutputsUseTheWholeRangeFromMinus128() {
        TensorQuantization q = TensorQuantization.fromRange(new CalibrationRange(0, 6.375));
        assertThat(q.scale()).isEqualTo(0.025f);
        assertThat(q.zeroPoint()).isEqualTo(-128);
        assertThat(q.quantize(0)).isEqualTo(-128);
        assertThat(q.quantize(6.375)).isEqualTo(127);
        assertThat(q.quantize(100)).isEqualTo(127);
    }

    @Test
    void symmetricRangePutsZeroInTheMiddle() {
        // Exact binary numbers: width 255/16, so the scale is 1/16 and real 0 sits at -0.5.
        TensorQuantization q = TensorQuantization.fromRange(new CalibrationRange(-7.96875, 7.96875));
        assertThat(q.scale()).isEqualTo(0.0625f);
        // -128 + 7.96875 / 0.0625 = -128 + 127.5 = -0.5 -> rounded away from zero to -1.
        assertThat(q.zeroPoint()).isEqualTo(-1);
        assertThat(q.quantize(0)).isEqualTo(-1);
        assertThat(q.dequantize(q.quantize(1.0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void roundTripErrorIsAtMostHalfAStep() {
        TensorQuantization q = TensorQuantization.fromRange(new CalibrationRange(-1.3, 4.7));
        for (double x = -1.3; x <= 4.7; x += 0.001) {
            assertThat(Math.abs(q.dequantize(q.quantize(x)) - x)).isLessThanOrEqualTo(q.scale() * 0.5 + 1e-6);
        }
    }

    @Test
    void softmaxOutputIsFixed() {
        assertThat(TensorQuantization.softmaxOutput()).isEqualTo(new TensorQuantization(0.00390625f, -128));
    }

    @Test
    void zeroWidthRangeStillQuantisesZeroExactly() {
        TensorQuantization q = TensorQuantization.fromRange(new CalibrationRange(0, 0));
        assertThat(q.dequantize(q.quantize(0))).isEqualTo(0.0);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new TensorQuantization(0f, 0)).hasMessageContaining("scale");
        assertThatThrownBy(() -> new TensorQuantization(1f, -129)).hasMessageContaining("-129");
        assertThatThrownBy(() -> new CalibrationRange(0.5, 1)).hasMessageContaining("contain 0");
    }
}

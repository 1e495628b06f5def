package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelWeightsTest {

    @Test
    void eachChannelGetsItsOwnSymmetricScale() {
        ChannelWeights w = ChannelWeights.quantize(new double[][] {{1.27, -0.635, 0}, {-0.0127, 0.00635, 0.001}});
        assertThat(w.scales()).containsExactly(0.01f, 0.0001f);
        assertThat(w.values()).containsExactly(127, -64, 0, -127, 64, 10);
        // -0.635 / 0.01 = -63.5 -> away from zero -> -64.
        assertThat(w.dequantized(0, 1)).isCloseTo(-0.64, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(w.isPerTensor()).isFalse();
    }

    @Test
    void perTensorWeightsShareTheLargestMagnitudesScale() {
        double[][] rows = {{1.27, -0.635, 0}, {-0.0127, 0.00635, 0.5}};
        ChannelWeights w = ChannelWeights.quantize(rows, WeightScales.PER_TENSOR);

        assertThat(w.scales()).containsExactly(0.01f);
        assertThat(w.isPerTensor()).isTrue();
        assertThat(w.scale(1)).isEqualTo(0.01f);
        // the second row on the first row's grid: -1.27 -> -1, 0.635 -> 1 (away from zero), 50
        assertThat(w.values()).containsExactly(127, -64, 0, -1, 1, 50);
        assertThat(w.dequantized(1, 2)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
        // the float32-product formula TFLM's per-tensor path uses, for every channel
        float sIn = Float.intBitsToFloat(0x3cc88a86);
        float sOut = Float.intBitsToFloat(0x3c5a519f);
        assertThat(w.multiplier(1, sIn, sOut)).isEqualTo(QuantizedMultiplier.perTensor(sIn, 0.01f, sOut));
        assertThat(w.quantizeBias(new double[] {1, 1}, sIn)).containsOnly(w.quantizeBias(new double[] {1, 1}, sIn)[0]);
    }

    @Test
    void allZeroChannelGetsScaleOne() {
        ChannelWeights w = ChannelWeights.quantize(new double[][] {{0, 0}, {0.5, -0.25}});
        assertThat(w.scales()[0]).isEqualTo(1f);
        assertThat(w.at(0, 0)).isZero();
        assertThat(w.at(1, 0)).isEqualTo(127);
    }

    @Test
    void singleOutputTakesTheTflmPerTensorFormula() {
        // TFLM treats a single weight scale as per-tensor and multiplies sIn*sW in float32 (§5).
        float sIn = Float.intBitsToFloat(0x3cc88a86);
        float sOut = Float.intBitsToFloat(0x3c5a519f);
        double wMax = Float.intBitsToFloat(0x3b8459aa) * 127.0;
        ChannelWeights one = ChannelWeights.quantize(new double[][] {{wMax, 0}});
        ChannelWeights two = ChannelWeights.quantize(new double[][] {{wMax, 0}, {wMax, 0}});
        assertThat(one.scales()[0]).isEqualTo(Float.intBitsToFloat(0x3b8459aa));
        assertThat(one.multiplier(0, sIn, sOut)).isEqualTo(new QuantizedMultiplier(2039655759, -7));
        assertThat(two.multiplier(0, sIn, sOut)).isEqualTo(new QuantizedMultiplier(2039655736, -7));
    }

    @Test
    void biasLandsOnTheAccumulatorScale() {
        ChannelWeights w = ChannelWeights.quantize(new double[][] {{1.27}, {2.54}});
        int[] bias = w.quantizeBias(new double[] {0.5, -0.5}, 0.5f);
        // channel 0: scale 0.5 * 0.01 = 0.005 -> 100; channel 1: 0.5 * 0.02 = 0.01 -> -50.
        assertThat(bias).containsExactly(100, -50);
    }

    @Test
    void biasTooLargeForInt32IsRefusedByChannel() {
        ChannelWeights w = ChannelWeights.quantize(new double[][] {{1e-6}, {1}});
        assertThatThrownBy(() -> w.quantizeBias(new double[] {0, 1e9}, 1e-6f))
                .hasMessageContaining("channel 1").hasMessageContaining("int32");
    }

    @Test
    void rejectsRaggedOrNonFiniteWeights() {
        assertThatThrownBy(() -> ChannelWeights.quantize(new double[][] {{1, 2}, {3}})).hasMessageContaining("row 1");
        assertThatThrownBy(() -> ChannelWeights.quantize(new double[][] {{1, Double.NaN}})).hasMessageContaining("non-finite");
    }
}

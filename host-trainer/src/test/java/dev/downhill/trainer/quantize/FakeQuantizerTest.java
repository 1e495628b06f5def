package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FakeQuantizerTest {

    private final TensorQuantization q = new TensorQuantization(0.0625f, -3);

    @Test
    void snapsToTheGridAndClips() {
        assertThat(FakeQuantizer.activation(0.1f, q)).isEqualTo(0.125f);
        assertThat(FakeQuantizer.activation(0.09375f, q)).isEqualTo(0.125f); // 1.5 steps -> away from zero -> 2
        assertThat(FakeQuantizer.activation(100f, q)).isEqualTo(0.0625f * 130);
        assertThat(FakeQuantizer.activation(-100f, q)).isEqualTo(0.0625f * -125);
    }

    @Test
    void gradientStopsOnlyWhereClipped() {
        assertThat(FakeQuantizer.passesGradient(0.1f, q)).isTrue();
        assertThat(FakeQuantizer.passesGradient(0.0625f * 130, q)).isTrue();
        assertThat(FakeQuantizer.passesGradient(0.0625f * 131, q)).isFalse();
        assertThat(FakeQuantizer.passesGradient(-0.0625f * 126, q)).isFalse();
    }

    @Test
    void weightsMatchWhatChannelWeightsStores() {
        float[] w = {9, 0.5f, 1.27f, -0.635f, 0.001f, 0.3f};
        double[][] rows = {{0.5, 1.27, -0.635}, {0.001, 0.3, 0}};
        float[] fq = {9, 0.5f, 1.27f, -0.635f, 0.001f, 0.3f, 0};
        FakeQuantizer.weightsInPlace(fq, 1, 2, 3);
        ChannelWeights cw = ChannelWeights.quantize(rows);
        assertThat(fq[0]).isEqualTo(9f); // outside the block: untouched
        for (int c = 0; c < 2; c++) {
            for (int d = 0; d < 3; d++) {
                assertThat((double) fq[1 + c * 3 + d]).isCloseTo(cw.dequantized(c, d), org.assertj.core.data.Offset.offset(1e-7));
            }
        }
        assertThat(fq[3]).isNotEqualTo(w[3]); // -0.635 was moved to -0.64
    }
}

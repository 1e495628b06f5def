package dev.downhill.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.downhill.trainer.data.Examples;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
    @Test
    void lossAndGradientOfKnownLogits() {
        Examples ex = Examples.classification(new float[2], 1, new int[] {0, 2}, 3);
        float[][] logits = {{2f, 1f, 0f}, {1000f, 1000f, 1000f}}; // the second row would overflow a naive exp
        float[][] grad = new float[2][3];
        double loss = new SoftmaxCrossEntropy().lossAndGradient(logits, 2, ex, null, 0, grad);
        double sum = Math.exp(2) + Math.exp(1) + 1;
        double row0 = Math.log(sum) - 2;
        double row1 = Math.log(3);
        assertThat(loss).isCloseTo((row0 + row1) / 2, within(1e-6));
        assertThat(grad[0][0]).isCloseTo((float) ((Math.exp(2) / sum - 1) / 2), within(1e-7f));
        assertThat(grad[0][1]).isCloseTo((float) (Math.exp(1) / sum / 2), within(1e-7f));
        assertThat(grad[1][2]).isCloseTo((float) ((1.0 / 3 - 1) / 2), within(1e-7f));
    }

    @Test
    void meanSquaredError() {
        Examples ex = Examples.regression(new float[2], 1, new float[] {1f, -1f});
        float[][] out = {{3f}, {-1f}};
        float[][] grad = new float[2][1];
        double loss = new MeanSquaredError().lossAndGradient(out, 2, ex, null, 0, grad);
        assertThat(loss).isEqualTo(2.0);
        assertThat(grad[0][0]).isEqualTo(2f);
        assertThat(grad[1][0]).isEqualTo(0f);
    }
}

package dev.downhill.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MlpTest {
    @Test
    void shapeAndParameterCount() {
        Mlp m = Mlp.of(64, new int[] {32, 16}, 10);
        assertThat(m.sizes()).containsExactly(64, 32, 16, 10);
        assertThat(m.parameterCount()).isEqualTo(64 * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10);
        assertThat(m.activation(0)).isEqualTo(Activation.RELU);
        assertThat(m.activation(2)).isEqualTo(Activation.NONE);
        assertThat(m.parameterBlocks().length).isEqualTo(64 + 1 + 32 + 1 + 16 + 1);
    }

    @Test
    void traceExposesPreAndPostActivationsOfEveryLayer() {
        Mlp m = new Mlp(new int[] {2, 2, 1}, new Activation[] {Activation.RELU, Activation.NONE});
        // hidden: z0 = x0 - x1, z1 = x1 - x0 (one of them is negative); output = a0 + 2 a1 + 0.5
        m.setWeight(0, 0, 0, 1f);
        m.setWeight(0, 0, 1, -1f);
        m.setWeight(0, 1, 0, -1f);
        m.setWeight(0, 1, 1, 1f);
        m.setWeight(1, 0, 0, 1f);
        m.setWeight(1, 0, 1, 2f);
        m.setBias(1, 0, 0.5f);
        LayerOutputs t = m.trace(new float[] {3f, 1f});
        assertThat(t.preActivation(0)).containsExactly(2f, -2f);
        assertThat(t.postActivation(0)).containsExactly(2f, 0f);
        assertThat(t.preActivation(1)).containsExactly(2.5f);
        assertThat(t.output()).containsExactly(2.5f);
        assertThat(m.predict(new float[] {1f, 3f})[0]).isCloseTo(4.5f, within(0f));
    }

    @Test
    void copyIsIndependent() {
        Mlp m = Mlp.of(3, new int[] {2}, 2);
        HeInitializer.initialize(m, 1);
        Mlp c = m.copy();
        assertThat(c.weight(0, 1, 2)).isEqualTo(m.weight(0, 1, 2));
        c.setWeight(0, 1, 2, 99f);
        assertThat(m.weight(0, 1, 2)).isNotEqualTo(99f);
    }

    @Test
    void heInitialisationIsSeededAndScaled() {
        Mlp a = Mlp.of(400, new int[] {300}, 2);
        Mlp b = Mlp.of(400, new int[] {300}, 2);
        HeInitializer.initialize(a, 7);
        HeInitializer.initialize(b, 7);
        double squares = 0;
        for (int i = 0; i < 400; i++) {
            for (int j = 0; j < 300; j++) {
                assertThat(a.weight(0, j, i)).isEqualTo(b.weight(0, j, i));
                squares += a.weight(0, j, i) * a.weight(0, j, i);
            }
        }
        // Variance 2 / fanIn within sampling error (120000 draws: relative error ~0.4%).
        assertThat(squares / (400 * 300)).isCloseTo(2.0 / 400, within(0.0002));
        assertThat(a.bias(0, 5)).isZero();
        Mlp c = Mlp.of(400, new int[] {300}, 2);
        HeInitializer.initialize(c, 8);
        assertThat(c.weight(0, 0, 0)).isNotEqualTo(a.weight(0, 0, 0));
    }
}

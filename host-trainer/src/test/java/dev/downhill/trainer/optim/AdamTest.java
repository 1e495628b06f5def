package dev.downhill.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void firstStepMovesByTheLearningRateInTheGradientsSign() {
        // After bias correction m/sqrt(v) = g/|g| on step 1, so each parameter moves by lr.
        Adam adam = Adam.adam(0);
        float[][] p = {{1f, 1f}};
        adam.init(p);
        adam.step(p, new float[][] {{0.3f, -40f}}, 0.01);
        assertThat(p[0][0]).isCloseTo(0.99f, within(1e-6f));
        assertThat(p[0][1]).isCloseTo(1.01f, within(1e-6f));
    }

    @Test
    void secondStepMatchesTheFormula() {
        Adam adam = Adam.adam(0);
        float[][] p = {{0f}};
        adam.init(p);
        adam.step(p, new float[][] {{1f}}, 0.1);
        adam.step(p, new float[][] {{3f}}, 0.1);
        double m = 0.9 * 0.1 + 0.1 * 3;
        double v = 0.999 * 0.001 + 0.001 * 9;
        double update = 0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        // The optimiser computes in float (1 - 0.999f is not exactly 0.001): agree to ~1e-5 relative.
        assertThat(p[0][0]).isCloseTo((float) (-0.1 - update), within(5e-6f));
    }

    @Test
    void adamWDecaysWeightsIndependentlyOfTheGradient() {
        Adam w = Adam.adamW(0.5);
        float[][] p = {{2f}};
        w.init(p);
        w.step(p, new float[][] {{0f}}, 0.1);
        // zero gradient: only the decoupled shrink p *= 1 - lr * decay applies
        assertThat(p[0][0]).isCloseTo(2f * 0.95f, within(1e-6f));
        Adam coupled = Adam.adam(0.5);
        float[][] q = {{2f}};
        coupled.init(q);
        coupled.step(q, new float[][] {{0f}}, 0.1);
        // coupled L2: the decay is a gradient (1.0), which Adam normalises to a step of exactly lr
        assertThat(q[0][0]).isCloseTo(1.9f, within(1e-6f));
    }

    @Test
    void names() {
        assertThat(Adam.adam(0).name()).isEqualTo("adam");
        assertThat(Adam.adamW(0.01).name()).isEqualTo("adamw");
    }
}

package dev.downhill.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SgdTest {
    private static float[][] run(Optimizer o, float p0, float[] gradients, double lr) {
        float[][] p = {{p0}};
        o.init(p);
        for (float g : gradients) {
            o.step(p, new float[][] {{g}}, lr);
        }
        return p;
    }

    @Test
    void plainStep() {
        assertThat(run(new Sgd(Sgd.Momentum.NONE, 0, 0), 1f, new float[] {2f}, 0.1)[0][0])
                .isCloseTo(0.8f, within(1e-7f));
    }

    @Test
    void weightDecayIsAddedToTheGradient() {
        // g' = 2 + 0.5 * 1 = 2.5
        assertThat(run(new Sgd(Sgd.Momentum.NONE, 0, 0.5), 1f, new float[] {2f}, 0.1)[0][0])
                .isCloseTo(0.75f, within(1e-7f));
    }

    @Test
    void momentumAccumulatesVelocity() {
        // v1 = 1, p = 1 - 0.1 = 0.9; v2 = 0.9 * 1 + 1 = 1.9, p = 0.9 - 0.19 = 0.71
        assertThat(run(new Sgd(Sgd.Momentum.STANDARD, 0.9, 0), 1f, new float[] {1f, 1f}, 0.1)[0][0])
                .isCloseTo(0.71f, within(1e-6f));
    }

    @Test
    void nesterovLooksAhead() {
        // v1 = 1, p = 1 - 0.1 * (1 + 0.9) = 0.81; v2 = 1.9, p = 0.81 - 0.1 * (1 + 1.71) = 0.539
        assertThat(run(new Sgd(Sgd.Momentum.NESTEROV, 0.9, 0), 1f, new float[] {1f, 1f}, 0.1)[0][0])
                .isCloseTo(0.539f, within(1e-6f));
    }

    @Test
    void resetForgetsVelocity() {
        Sgd o = new Sgd(Sgd.Momentum.STANDARD, 0.9, 0);
        float[][] p = {{0f}};
        o.init(p);
        o.step(p, new float[][] {{1f}}, 1);
        o.reset();
        p[0][0] = 0f;
        o.step(p, new float[][] {{1f}}, 1);
        assertThat(p[0][0]).isEqualTo(-1f);
    }

    @Test
    void everyKindDescendsAQuadratic() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            Optimizer o = kind.create(0.9, 0);
            float[][] p = {{3f, -2f}};
            o.init(p);
            for (int i = 0; i < 1000; i++) {
                // loss = 0.5 * (p0^2 + 10 p1^2)
                o.step(p, new float[][] {{p[0][0], 10 * p[0][1]}}, 0.01);
            }
            assertThat(Math.abs(p[0][0]) + Math.abs(p[0][1])).as(kind.id()).isLessThan(0.2f);
        }
    }
}

package dev.downhill.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GradientClipperTest {
    @Test
    void scalesDownToTheMaximumNormAcrossBlocks() {
        float[][] g = {{3f}, {0f, 4f}};
        double norm = new GradientClipper(1).clip(g);
        assertThat(norm).isEqualTo(5.0);
        assertThat(g[0][0]).isCloseTo(0.6f, within(1e-5f));
        assertThat(g[1][1]).isCloseTo(0.8f, within(1e-5f));
    }

    @Test
    void leavesSmallGradientsAlone() {
        float[][] g = {{0.3f, 0.4f}};
        new GradientClipper(1).clip(g);
        assertThat(g[0]).containsExactly(0.3f, 0.4f);
    }
}

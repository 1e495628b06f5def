package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.trainer.data.StandardizationMode;
import dev.downhill.trainer.data.Standardizer;
import org.junit.jupiter.api.Test;

class FeatureQuantizerTest {
    /** Feature 0: mean 10, deviation 4; feature 1: mean -2, deviation 0.5. Input scale 0.5, zero point -3. */
    private static final FeatureQuantizer DRIVER = new FeatureQuantizer(
            Standardizer.of(StandardizationMode.PER_FEATURE, 0, new double[] {10, -2}, new double[] {4, 0.5}),
            new TensorQuantization(0.5f, -3));

    @Test
    void standardisesThenQuantisesWithZeroPoint() {
        // (14 - 10) / 4 = 1 -> 2 steps -> -1; (-1 - -2) / 0.5 = 2 -> 4 steps -> 1
        assertThat(DRIVER.quantize(new double[] {14, -1})).containsExactly(-1, 1);
        // the means map to the zero point
        assertThat(DRIVER.quantize(new double[] {10, -2})).containsExactly(-3, -3);
    }

    @Test
    void halfStepsRoundAwayFromZero() {
        // (11 - 10) / 4 = 0.25 -> 0.5 steps -> 1; (9 - 10) / 4 = -0.25 -> -0.5 steps -> -1
        assertThat(DRIVER.quantize(new double[] {11, -2})).containsExactly(-2, -3);
        assertThat(DRIVER.quantize(new double[] {9, -2})).containsExactly(-4, -3);
    }

    @Test
    void clampsToInt8() {
        assertThat(DRIVER.quantize(new double[] {1e6, -1e6})).containsExactly(127, -128);
    }

    @Test
    void writesAtAnOffsetAndChecksTheWidth() {
        byte[] out = {9, 9, 9, 9};
        DRIVER.quantize(new double[] {14, -1}, out, 1);
        assertThat(out).containsExactly(9, -1, 1, 9);
        assertThatThrownBy(() -> DRIVER.quantize(new double[] {1, 2, 3}))
                .hasMessage("expected 2 features, got 3");
    }
}

package dev.downhill.trainer.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdaptationRecipeTest {

    /** The CLI prints this line: values that went through fixed point must not show their rounding noise. */
    @Test
    void theDefaultRecipeReadsAsItWasWritten() {
        assertThat(AdaptationRecipe.defaults().describe()).isEqualTo("input+bias, lr 0.05 inverse-time T=100, clip 2,"
                + " guards skip-contradiction+agreement-monitor+input-shift, rate x4 gain, x1 shift, x1 bias, anchor 0.15");
    }

    @Test
    void numbersKeepFourSignificantDigits() {
        assertThat(AdaptationRecipe.digits(0.050000012)).isEqualTo("0.05");
        assertThat(AdaptationRecipe.digits(0.14999998)).isEqualTo("0.15");
        assertThat(AdaptationRecipe.digits(4.0)).isEqualTo("4");
        assertThat(AdaptationRecipe.digits(0.0012346)).isEqualTo("0.001235");
        assertThat(AdaptationRecipe.digits(1234567)).isEqualTo("1235000");
    }
}

package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationRangeTest {

    @Test
    void noneIsTheWholeInt8Range() {
        assertThat(ActivationRange.of(FusedActivation.NONE, 0.05f, -100)).isEqualTo(new ActivationRange(-128, 127));
    }

    @Test
    void reluStartsAtTheZeroPoint() {
        assertThat(ActivationRange.of(FusedActivation.RELU, 0.05f, -100)).isEqualTo(new ActivationRange(-100, 127));
        // hello_world hidden layers: zero point -128, so ReLU clamps nothing more than int8 does.
        assertThat(ActivationRange.of(FusedActivation.RELU, Float.intBitsToFloat(0x3c5a519f), -128))
                .isEqualTo(new ActivationRange(-128, 127));
    }

    @Test
    void relu6Examples() {
        // §6: 6 / 0.05 = 120 -> [-100, 20]; 6 / 0.0235 = 255.3 -> -128 + 255 = 127.
        assertThat(ActivationRange.of(FusedActivation.RELU6, 0.05f, -100)).isEqualTo(new ActivationRange(-100, 20));
        assertThat(ActivationRange.of(FusedActivation.RELU6, 0.0235f, -128)).isEqualTo(new ActivationRange(-128, 127));
        // Upper bound clamped to int8: 6 / 0.01 = 600.
        assertThat(ActivationRange.of(FusedActivation.RELU6, 0.01f, 0)).isEqualTo(new ActivationRange(0, 127));
    }

    @Test
    void reluN1To1RoundsTiesAwayFromZero() {
        // §6: ±1 / 0.4 = ±2.5 -> [-3, 3]; Math.round(-2.5f) would give -2.
        assertThat(ActivationRange.of(FusedActivation.RELU_N1_TO_1, 0.4f, 0)).isEqualTo(new ActivationRange(-3, 3));
        assertThat(ActivationRange.of(FusedActivation.RELU_N1_TO_1, 0.4f, 10)).isEqualTo(new ActivationRange(7, 13));
    }

    @Test
    void tinyScaleDoesNotWrap() {
        assertThat(ActivationRange.of(FusedActivation.RELU6, Float.MIN_VALUE, -128)).isEqualTo(new ActivationRange(-128, 127));
        assertThat(ActivationRange.of(FusedActivation.RELU_N1_TO_1, 1e-30f, 0)).isEqualTo(new ActivationRange(-128, 127));
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> ActivationRange.of(FusedActivation.RELU, 0f, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output scale");
        assertThatThrownBy(() -> ActivationRange.of(FusedActivation.RELU, 1f, 128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero point 128");
        assertThatThrownBy(() -> new ActivationRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Named<JsonNode>> tflmCases() {
        return TflmFullyConnectedCases.all().stream().map(c -> Named.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tflmCases")
    void reproducesTflmDerivedBounds(JsonNode c) {
        JsonNode output = c.get("output");
        ActivationRange range = ActivationRange.of(FusedActivation.valueOf(c.get("fused_activation").asText()),
                TflmFullyConnectedCases.scale(output.get("scale_float32_bits")), output.get("zero_point").asInt());
        assertThat(range).isEqualTo(new ActivationRange(
                c.get("derived").get("activation_min").asInt(), c.get("derived").get("activation_max").asInt()));
    }
}

package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuantizedMultiplierTest {

    private static float bits(int b) {
        return Float.intBitsToFloat(b);
    }

    @Test
    void helloWorldLayerOneUsesTheFloat32ProductPerTensor() {
        // docs/int8-arithmetic.md §2.1 table: S_in, S_w, S_out of hello_world layer 1.
        float sIn = bits(0x3cc88a86);
        float sW = bits(0x3b8459aa);
        float sOut = bits(0x3c5a519f);
        assertThat(QuantizedMultiplier.perTensorReal(sIn, sW, sOut)).isEqualTo(0.007420224424110777);
        assertThat(QuantizedMultiplier.perTensor(sIn, sW, sOut)).isEqualTo(new QuantizedMultiplier(2039655759, -7));
        // The all-double formula gives a different last bits: the reason two entry points exist.
        assertThat(QuantizedMultiplier.perChannelReal(sIn, sW, sOut)).isEqualTo(0.007420224341242408);
        assertThat(QuantizedMultiplier.perChannel(sIn, sW, sOut)).isEqualTo(new QuantizedMultiplier(2039655736, -7));
    }

    static Stream<Arguments> helloWorldLayers() {
        // shared/conformance/tflm/README.md: scales as float32 bits, and TFLM's (M, shift) per layer.
        return Stream.of(
                Arguments.of(0x3cc88a86, 0x3b8459aa, 0x3c5a519f, 0.0074202244241107773, 2039655759, -7),
                Arguments.of(0x3c5a519f, 0x3c327f7f, 0x3c514f5d, 0.011363566880418004, 1561796740, -6),
                Arguments.of(0x3c514f5d, 0x3c7c4417, 0x3c07d6cb, 0.023724886468141491, 1630361784, -5));
    }

    @ParameterizedTest
    @MethodSource("helloWorldLayers")
    void helloWorldLayers(int in, int w, int out, double real, int m, int shift) {
        assertThat(QuantizedMultiplier.perTensorReal(bits(in), bits(w), bits(out))).isEqualTo(real);
        assertThat(QuantizedMultiplier.perTensor(bits(in), bits(w), bits(out))).isEqualTo(new QuantizedMultiplier(m, shift));
    }

    @Test
    void perChannelExampleKeepsTheFloat32WeightScaleBits() {
        // §2.2 second example: 0.2f is 0.20000000298, so M is 0x66666680, not the 1717986918 of 0.1.
        QuantizedMultiplier q = QuantizedMultiplier.perChannel(0.5f, 0.2f, 1f);
        assertThat(q).isEqualTo(new QuantizedMultiplier(0x66666680, -3));
        assertThat(q.multiplier()).isEqualTo(1717986944);
        assertThat(QuantizedMultiplier.fromReal(0.1)).isEqualTo(new QuantizedMultiplier(1717986918, -3));
    }

    @Test
    void multiplierAboveOneGivesAPositiveShift() {
        // §4 worked example: m = 2.0 -> M = 2^30, shift +2.
        assertThat(QuantizedMultiplier.fromReal(2.0)).isEqualTo(new QuantizedMultiplier(1 << 30, 2));
        assertThat(QuantizedMultiplier.perTensor(1f, 1f, 0.5f)).isEqualTo(new QuantizedMultiplier(1 << 30, 2));
        // Softmax input scaling, §7.1: real = 6710886.5 -> (1717986944, 23).
        assertThat(QuantizedMultiplier.softmaxInput(1f, 0.1f)).isEqualTo(new QuantizedMultiplier(1717986944, 23));
        // A huge input scale is capped at 2^31 - 1 instead of overflowing the shift.
        assertThat(QuantizedMultiplier.softmaxInput(1f, 1000f)).isEqualTo(new QuantizedMultiplier(Integer.MAX_VALUE, 31));
    }

    @Test
    void fractionRoundingUpToOneMovesToTheNextExponent() {
        // f = 1 - 2^-40 rounds to 2^31 at Q0.31; TFLM then uses 2^30 with e + 1.
        double justBelowOne = 1.0 - Math.scalb(1.0, -40);
        assertThat(QuantizedMultiplier.fromReal(justBelowOne)).isEqualTo(new QuantizedMultiplier(1 << 30, 1));
        assertThat(QuantizedMultiplier.fromReal(justBelowOne * 0.25)).isEqualTo(new QuantizedMultiplier(1 << 30, -1));
    }

    @Test
    void halvesRoundAwayFromZero() {
        // f · 2^31 = 2^30 + 0.5 exactly: round_away gives 2^30 + 1 (half-even would give 2^30).
        double m = (Math.scalb(1.0, 30) + 0.5) / Math.scalb(1.0, 31);
        assertThat(QuantizedMultiplier.fromReal(m)).isEqualTo(new QuantizedMultiplier((1 << 30) + 1, 0));
        double m2 = (Math.scalb(1.0, 30) + 1.5) / Math.scalb(1.0, 31);
        assertThat(QuantizedMultiplier.fromReal(m2)).isEqualTo(new QuantizedMultiplier((1 << 30) + 2, 0));
    }

    @Test
    void tinyMultipliersAreFlushedToZero() {
        assertThat(QuantizedMultiplier.fromReal(0)).isEqualTo(new QuantizedMultiplier(0, 0));
        // 2^-32 has e = -31: kept. 2^-33 has e = -32: flushed.
        assertThat(QuantizedMultiplier.fromReal(Math.scalb(1.0, -32))).isEqualTo(new QuantizedMultiplier(1 << 30, -31));
        assertThat(QuantizedMultiplier.fromReal(Math.scalb(1.0, -33))).isEqualTo(new QuantizedMultiplier(0, 0));
        assertThat(QuantizedMultiplier.fromReal(Double.MIN_VALUE)).isEqualTo(new QuantizedMultiplier(0, 0));
        // Just below 2^-32 rounds up to f = 1.0 at e = -32, and the fix-up rescues it to e = -31.
        double justBelow = Math.scalb(1.0 - Math.scalb(1.0, -40), -32);
        assertThat(QuantizedMultiplier.fromReal(justBelow)).isEqualTo(new QuantizedMultiplier(1 << 30, -31));
    }

    @Test
    void multiplierAlwaysInItsDocumentedRange() {
        java.util.Random random = new java.util.Random(20260820L);
        for (int i = 0; i < 10_000; i++) {
            double m = Math.scalb(0.5 + random.nextDouble() * 0.5, random.nextInt(50) - 30);
            QuantizedMultiplier q = QuantizedMultiplier.fromReal(m);
            assertThat(q.multiplier()).isBetween(1 << 30, Integer.MAX_VALUE);
            assertThat(Math.abs(q.toReal() - m) / m).isLessThanOrEqualTo(Math.scalb(1.0, -31));
        }
    }

    @Test
    void rejectsNegativeAndNonFiniteInputs() {
        assertThatThrownBy(() -> QuantizedMultiplier.fromReal(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.5");
        assertThatThrownBy(() -> QuantizedMultiplier.fromReal(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuantizedMultiplier.fromReal(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuantizedMultiplier.fromReal(Math.scalb(1.0, 31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> QuantizedMultiplier.perTensor(0f, 1f, 1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input scale");
        assertThatThrownBy(() -> QuantizedMultiplier.perChannel(1f, Float.NaN, 1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight scale");
    }

    static Stream<Named<JsonNode>> tflmCases() {
        return TflmFullyConnectedCases.all().stream().map(c -> Named.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tflmCases")
    void reproducesTflmDerivedMultipliers(JsonNode c) {
        JsonNode derived = c.get("derived");
        float sIn = TflmFullyConnectedCases.scale(c.get("input").get("scale_float32_bits"));
        float sOut = TflmFullyConnectedCases.scale(c.get("output").get("scale_float32_bits"));
        if (c.get("quantization").asText().equals("per_channel")) {
            JsonNode scales = c.get("weights").get("scales_float32_bits");
            assertThat(scales.size()).isGreaterThan(1);
            for (int ch = 0; ch < scales.size(); ch++) {
                float sW = TflmFullyConnectedCases.scale(scales.get(ch));
                assertThat(QuantizedMultiplier.perChannelReal(sIn, sW, sOut))
                        .isEqualTo(derived.get("real_multiplier").get(ch).asDouble());
                assertThat(QuantizedMultiplier.perChannel(sIn, sW, sOut)).isEqualTo(new QuantizedMultiplier(
                        derived.get("quantized_multiplier").get(ch).asInt(), derived.get("shift").get(ch).asInt()));
            }
        } else {
            float sW = TflmFullyConnectedCases.scale(c.get("weights").get("scale_float32_bits"));
            assertThat(QuantizedMultiplier.perTensorReal(sIn, sW, sOut))
                    .isEqualTo(derived.get("real_multiplier").asDouble());
            assertThat(QuantizedMultiplier.perTensor(sIn, sW, sOut)).isEqualTo(new QuantizedMultiplier(
                    derived.get("quantized_multiplier").asInt(), derived.get("shift").asInt()));
        }
    }
}

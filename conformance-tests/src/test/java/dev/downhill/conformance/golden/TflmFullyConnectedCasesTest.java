package dev.downhill.conformance.golden;

import dev.downhill.runtime.format.ModelFormat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.kernels.FullyConnected;
import dev.downhill.runtime.kernels.FullyConnectedReference;
import dev.downhill.runtime.kernels.FullyConnected;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every int8 FULLY_CONNECTED case of TFLM's kernel test (golden/tflm/fully_connected_int8_cases.json),
 * run through tiny-runtime's kernels: outputs must equal {@code tflm_reference_output} bit for bit, and the
 * requantisation parameters derived from the float32 scales must equal TFLM's {@code derived} values.
 */
class TflmFullyConnectedCasesTest {

    static Stream<Named<JsonNode>> cases() {
        List<JsonNode> all = TflmCases.load("fully_connected_int8_cases.json");
        assertEquals(7, all.size(), "case count in fully_connected_int8_cases.json");
        return all.stream().map(c -> Named.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputIsBitExact(JsonNode c) {
        JsonNode derived = c.get("derived");
        boolean perChannel = "per_channel".equals(c.get("quantization").asText());
        int[] multipliers = perChannel ? TflmCases.intArray(derived.get("quantized_multiplier"))
                : new int[] {derived.get("quantized_multiplier").intValue()};
        int[] shifts = perChannel ? TflmCases.intArray(derived.get("shift")) : new int[] {derived.get("shift").intValue()};
        int[] wShape = TflmCases.intArray(c.get("weights").get("shape"));
        int channels = wShape[0];
        int depth = wShape[1];
        FullyConnected p = new FullyConnected(depth, channels, c.get("input").get("zero_point").intValue(),
                c.get("output").get("zero_point").intValue(), multipliers, shifts,
                derived.get("activation_min").intValue(), derived.get("activation_max").intValue(), ModelFormat.DOUBLE_ROUNDING);
        assertEquals(derived.get("input_offset").intValue(), p.inputOffset());
        assertEquals(derived.get("output_offset").intValue(), p.outputOffset());

        byte[] weights = weights(c.get("weights"));
        byte[] input = TflmCases.int8Array(c.get("input").get("data"));
        JsonNode biasNode = c.get("bias");
        int[] bias = biasNode.isNull() ? null : TflmCases.intArray(biasNode.get("data"));
        int rows = input.length / depth;   // a [1,1,2,10] input is 2 rows of 10

        byte[] expected = TflmCases.int8Array(c.get("tflm_reference_output"));
        assertEquals(rows * channels, expected.length);
        byte[] folded = new byte[expected.length];
        byte[] reference = new byte[expected.length];
        int[] foldedBias = bias == null ? new int[channels] : bias.clone();
        p.foldInputOffset(weights, 0, foldedBias, 0);
        for (int r = 0; r < rows; r++) {
            p.eval(input, r * depth, weights, 0, foldedBias, 0, folded, r * channels);
            FullyConnectedReference.eval(p, input, r * depth, weights, 0, bias, 0, reference, r * channels);
        }
        ConformanceReport.record("TFLM FULLY_CONNECTED " + c.get("name").asText() + ": outputs differing from TFLM",
                TflmCases.differing(expected, folded) + " of " + expected.length, "== 0 (bit-exact)",
                TflmCases.differing(expected, folded) == 0);
        assertArrayEquals(expected, folded, "FullyConnected.eval vs tflm_reference_output");
        assertArrayEquals(expected, reference, "FullyConnectedReference.eval vs tflm_reference_output");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derivedParametersFollowFromTheScales(JsonNode c) {
        JsonNode derived = c.get("derived");
        float sIn = TflmCases.floatFromBits(c.get("input").get("scale_float32_bits"));
        JsonNode out = c.get("output");
        float sOut = TflmCases.floatFromBits(out.get("scale_float32_bits"));
        if ("per_channel".equals(c.get("quantization").asText())) {
            JsonNode scales = c.get("weights").get("scales_float32_bits");
            for (int ch = 0; ch < scales.size(); ch++) {
                int[] ms = TflmCases.quantizeMultiplier(
                        TflmCases.perChannelMultiplier(sIn, TflmCases.floatFromBits(scales.get(ch)), sOut));
                assertEquals(derived.get("quantized_multiplier").get(ch).intValue(), ms[0], "M of channel " + ch);
                assertEquals(derived.get("shift").get(ch).intValue(), ms[1], "shift of channel " + ch);
            }
        } else {
            float sW = TflmCases.floatFromBits(c.get("weights").get("scale_float32_bits"));
            int[] ms = TflmCases.quantizeMultiplier(TflmCases.perTensorMultiplier(sIn, sW, sOut));
            assertEquals(derived.get("quantized_multiplier").intValue(), ms[0], "M");
            assertEquals(derived.get("shift").intValue(), ms[1], "shift");
        }
        int[] range = TflmCases.activationRange(c.get("fused_activation").asText(), sOut,
                out.get("zero_point").intValue());
        assertEquals(derived.get("activation_min").intValue(), range[0], "activation min");
        assertEquals(derived.get("activation_max").intValue(), range[1], "activation max");
    }

    /**
     * int8 weights as given; int4 weights ({@code SimpleTestQuantizedInt4Weights}) are packed two per byte, low
     * nibble first, as TFLM stores them, and unpacked (sign-extended to int8) as TFLM's kernel does before the
     * ordinary int8 arithmetic.
     */
    private static byte[] weights(JsonNode w) {
        byte[] values = TflmCases.int8Array(w.get("data"));
        if (!"int4".equals(w.get("type").asText())) {
            return values;
        }
        byte[] packed = new byte[(values.length + 1) / 2];
        for (int i = 0; i < values.length; i++) {
            packed[i / 2] |= (byte) ((values[i] & 0x0f) << (4 * (i % 2)));
        }
        byte[] unpacked = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            int nibble = (packed[i / 2] >> (4 * (i % 2))) & 0x0f;
            unpacked[i] = (byte) ((nibble << 28) >> 28);
        }
        assertArrayEquals(values, unpacked, "int4 pack/unpack round trip");
        return unpacked;
    }
}

package dev.downhill.conformance.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.kernels.Softmax;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every int8-input SOFTMAX case of TFLM's kernel test (golden/tflm/softmax_int8_cases.json), including the int16
 * output case: outputs must equal {@code tflm_reference_output} bit for bit, and the input scaling derived from
 * beta and the float32 input scale must equal TFLM's {@code derived} values.
 */
class TflmSoftmaxCasesTest {

    static Stream<Named<JsonNode>> cases() {
        List<JsonNode> all = TflmCases.load("softmax_int8_cases.json");
        assertEquals(5, all.size(), "case count in softmax_int8_cases.json");
        return all.stream().map(c -> Named.of(c.get("name").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputIsBitExact(JsonNode c) {
        JsonNode derived = c.get("derived");
        int[] shape = TflmCases.intArray(c.get("input").get("shape"));
        int depth = shape[shape.length - 1];   // softmax along the last dimension, other dimensions are rows
        Softmax p = new Softmax(depth, derived.get("input_multiplier").intValue(),
                derived.get("input_left_shift").intValue());
        assertEquals(derived.get("diff_min").intValue(), p.diffMin());
        byte[] input = TflmCases.int8Array(c.get("input").get("data"));
        int rows = input.length / depth;
        int[] expected = TflmCases.intArray(c.get("tflm_reference_output"));
        int[] actual = new int[expected.length];
        int[] scratch = new int[depth];   // the kernel computes each exponential once, into caller-lent scratch
        String type = c.get("output").get("type").asText();
        if ("int8".equals(type)) {
            assertEquals(-128, c.get("output").get("zero_point").intValue());
            byte[] out = new byte[input.length];
            for (int r = 0; r < rows; r++) {
                p.eval(input, r * depth, out, r * depth, scratch, 0);
            }
            for (int i = 0; i < out.length; i++) {
                actual[i] = out[i];
            }
        } else {
            assertEquals("int16", type);
            assertEquals(-32768, c.get("output").get("zero_point").intValue());
            short[] out = new short[input.length];
            for (int r = 0; r < rows; r++) {
                p.evalInt16(input, r * depth, out, r * depth, scratch, 0);
            }
            for (int i = 0; i < out.length; i++) {
                actual[i] = out[i];
            }
        }
        int differing = 0;
        for (int i = 0; i < expected.length; i++) {
            differing += expected[i] != actual[i] ? 1 : 0;
        }
        ConformanceReport.record("TFLM SOFTMAX " + c.get("name").asText() + ": outputs differing from TFLM",
                differing + " of " + expected.length, "== 0 (bit-exact)", differing == 0);
        assertArrayEquals(expected, actual, "Softmax vs tflm_reference_output");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derivedInputScalingFollowsFromBetaAndTheInputScale(JsonNode c) {
        JsonNode derived = c.get("derived");
        float sIn = TflmCases.floatFromBits(c.get("input").get("scale_float32_bits"));
        double beta = c.get("beta").doubleValue();
        // §7.1: real = min(beta · S_in · 2^26, 2^31 - 1) in double
        double real = Math.min(beta * (double) sIn * (1 << 26), (double) Integer.MAX_VALUE);
        int[] ms = TflmCases.quantizeMultiplier(real);
        assertEquals(derived.get("input_multiplier").intValue(), ms[0], "input multiplier");
        assertEquals(derived.get("input_left_shift").intValue(), ms[1], "input left shift");
        assertEquals(derived.get("diff_min").intValue(), (int) -Math.floor(31.0 * (1 << 26) / Math.pow(2, ms[1])));
    }
}

package dev.downhill.conformance.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the TFLM golden case files in {@code src/test/resources/golden/tflm/} and converts their fields. Test
 * scope only: the host's own QuantizeMultiplier lives in host-trainer; this is an independent one in double,
 * written from docs/int8-arithmetic.md §2, so the derived parameters are checked twice.
 */
final class TflmCases {

    private TflmCases() {
    }

    /** The {@code cases} array of a resource file, one JsonNode per case. */
    static List<JsonNode> load(String resource) {
        try (InputStream in = TflmCases.class.getResourceAsStream("/golden/tflm/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource golden/tflm/" + resource);
            }
            List<JsonNode> cases = new ArrayList<>();
            new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] int8Array(JsonNode array) {
        byte[] b = new byte[array.size()];
        for (int i = 0; i < b.length; i++) {
            int v = array.get(i).intValue();
            if (v < -128 || v > 127) {
                throw new IllegalArgumentException("not an int8: " + v);
            }
            b[i] = (byte) v;
        }
        return b;
    }

    static int[] intArray(JsonNode array) {
        int[] a = new int[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = array.get(i).intValue();
        }
        return a;
    }

    /** A float32 from its "0x3f800000"-style bit pattern field. */
    static float floatFromBits(JsonNode hexBits) {
        return Float.intBitsToFloat(Integer.parseUnsignedInt(hexBits.asText().substring(2), 16));
    }

    /**
     * TFLM QuantizeMultiplier (§2.2): m = f · 2^e with f in [0.5, 1); M = round_away(f · 2^31); M == 2^31 moves
     * to 2^30 with e + 1; e < -31 flushes to (0, 0). Returns {M, shift}.
     */
    static int[] quantizeMultiplier(double m) {
        if (m == 0) {
            return new int[] {0, 0};
        }
        int e = Math.getExponent(m) + 1;
        double f = Math.scalb(m, -e);
        long q = roundAway(f * (1L << 31));
        if (q == (1L << 31)) {
            q = 1L << 30;
            e++;
        }
        if (e < -31) {
            return new int[] {0, 0};
        }
        return new int[] {(int) q, e};
    }

    /** Per-tensor FC multiplier (§2.1): the two input scales multiplied in float32 first. */
    static double perTensorMultiplier(float sIn, float sW, float sOut) {
        return (double) (sIn * sW) / (double) sOut;
    }

    /** Per-channel FC multiplier (§2.1): all in double. */
    static double perChannelMultiplier(float sIn, float sW, float sOut) {
        return (double) sIn * (double) sW / (double) sOut;
    }

    /** §6: {@code Z_out + round_away(float32(f / S_out))}. */
    static int quantizeActivationBound(float f, float sOut, int zOut) {
        return zOut + (int) roundAway(f / sOut);
    }

    /** §6 activation range {min, max} for a TFLite activation name. */
    static int[] activationRange(String activation, float sOut, int zOut) {
        switch (activation) {
            case "NONE":
                return new int[] {-128, 127};
            case "RELU":
                return new int[] {Math.max(-128, quantizeActivationBound(0f, sOut, zOut)), 127};
            case "RELU6":
                return new int[] {Math.max(-128, quantizeActivationBound(0f, sOut, zOut)),
                        Math.min(127, quantizeActivationBound(6f, sOut, zOut))};
            case "RELU_N1_TO_1":
                return new int[] {Math.max(-128, quantizeActivationBound(-1f, sOut, zOut)),
                        Math.min(127, quantizeActivationBound(1f, sOut, zOut))};
            default:
                throw new IllegalArgumentException("unknown activation " + activation);
        }
    }

    private static long roundAway(double v) {
        return v < 0 ? -(long) Math.floor(-v + 0.5) : (long) Math.floor(v + 0.5);
    }

    /** How many positions of two equally long int8 arrays hold different values. */
    static int differing(byte[] expected, byte[] actual) {
        int n = 0;
        for (int i = 0; i < expected.length; i++) {
            n += expected[i] != actual[i] ? 1 : 0;
        }
        return n;
    }
}

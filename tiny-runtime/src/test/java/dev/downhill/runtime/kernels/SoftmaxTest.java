package dev.downhill.runtime.kernels;

import static dev.downhill.runtime.kernels.FullyConnectedTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.fixedpoint.FixedPoint;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/int8-arithmetic.md §7.1 and the worked example §7.5. */
class SoftmaxTest {

    private static final Softmax SCALE_0_1 = new Softmax(5, 1717986944, 23);

    @Test
    void diffMinFromLeftShift() {
        assertEquals(-248, SCALE_0_1.diffMin());
        assertEquals(0, new Softmax(1, 1 << 30, 31).diffMin());
        assertEquals(-(31 << 26), new Softmax(1, 1 << 30, 0).diffMin());
    }

    @Test
    void workedExample() {
        byte[] out = new byte[5];
        SCALE_0_1.eval(bytes(10, 20, 30, 40, 50), 0, out, 0, new int[512], 0);
        assertArrayEquals(bytes(-125, -120, -106, -68, 35), out);
    }

    @Test
    void runsInPlace() {
        byte[] data = bytes(10, 20, 30, 40, 50);
        SCALE_0_1.eval(data, 0, data, 0, new int[512], 0);
        assertArrayEquals(bytes(-125, -120, -106, -68, 35), data);
    }

    @Test
    void int16OutputVariant() {
        short[] out = new short[5];
        SCALE_0_1.evalInt16(bytes(10, 20, 30, 40, 50), 0, out, 0, new int[512], 0);
        // TFLM reference output of Softmax2DQuantizedInt8InputInt16Output, row 0
        assertArrayEquals(new short[] {-32004, -30692, -27123, -17425, 8940}, out);
    }

    @Test
    void int16CertaintySaturatesAt32767() {
        short[] out = new short[3];
        new Softmax(3, 1717986944, 23).evalInt16(bytes(127, -128, -128), 0, out, 0, new int[3], 0);
        assertArrayEquals(new short[] {32767, -32768, -32768}, out);
    }

    @Test
    void farBelowTheMaximumGivesTheMinimumAndCertaintySaturatesAt127() {
        byte[] out = new byte[3];
        new Softmax(3, 1717986944, 23).eval(bytes(127, -128, -128), 0, out, 0, new int[512], 0);
        // differences of -255 < diffMin -248: those elements do not contribute; probability 1.0 clamps to 127
        assertArrayEquals(bytes(127, -128, -128), out);
    }

    @Test
    void uniformRowAtMaximumDepth() {
        int depth = Softmax.MAX_DEPTH;
        byte[] in = new byte[depth];
        byte[] out = new byte[depth];
        new Softmax(depth, 1717986944, 23).eval(in, 0, out, 0, new int[512], 0);
        for (int i = 0; i < depth; i++) {
            // 256/511 = 0.501 -> RDBPOT rounds to 1 -> -127
            assertEquals(-127, out[i]);
        }
        assertTrue(depth < 512);
    }

    @Test
    void scratchIsUsedAtItsOffsetOnly() {
        int[] scratch = new int[12];
        java.util.Arrays.fill(scratch, 77);
        byte[] out = new byte[5];
        SCALE_0_1.eval(bytes(10, 20, 30, 40, 50), 0, out, 0, scratch, 4);
        assertArrayEquals(bytes(-125, -120, -106, -68, 35), out);
        assertEquals(77, scratch[3]);
        assertEquals(77, scratch[9]);
    }

    /** TFLM's SoftmaxInt8 loop transcribed over FixedPoint, exp computed twice as TFLM does. */
    static void tflmReference(Softmax p, byte[] in, byte[] out, int bits) {
        int max = -128;
        for (byte v : in) {
            max = Math.max(max, v);
        }
        int sum = 0;
        for (byte v : in) {
            int diff = v - max;
            if (diff >= p.diffMin()) {
                int scaled = FixedPoint.saturatingRoundingDoublingHighMul(diff << p.inputLeftShift(), p.inputMultiplier());
                sum += FixedPoint.roundingDivideByPowerOfTwo(Softmax.expOnNegativeValues(scaled), 12);
            }
        }
        int headroom = Integer.numberOfLeadingZeros(sum);
        int recip = Softmax.oneOverOnePlusX((sum << headroom) - Integer.MIN_VALUE);
        for (int i = 0; i < in.length; i++) {
            int diff = in[i] - max;
            int q = -128;
            if (diff >= p.diffMin()) {
                int scaled = FixedPoint.saturatingRoundingDoublingHighMul(diff << p.inputLeftShift(), p.inputMultiplier());
                int e = Softmax.expOnNegativeValues(scaled);
                q = Math.min(127, FixedPoint.roundingDivideByPowerOfTwo(
                        FixedPoint.saturatingRoundingDoublingHighMul(recip, e), 12 - headroom + 31 - bits) - 128);
            }
            out[i] = (byte) q;
        }
    }

    @Test
    void matchesTheTflmLoopOnRandomRows() {
        SplittableRandom r = new SplittableRandom(5);
        int[] scratch = new int[Softmax.MAX_DEPTH];
        for (int n = 0; n < 2000; n++) {
            int depth = 1 + r.nextInt(n % 10 == 0 ? Softmax.MAX_DEPTH : 20);
            Softmax p = new Softmax(depth, (1 << 30) + r.nextInt(1 << 30), r.nextInt(32));
            byte[] in = new byte[depth];
            for (int i = 0; i < depth; i++) {
                in[i] = (byte) (r.nextInt(n % 3 == 0 ? 8 : 256) - 128);
            }
            byte[] expected = new byte[depth];
            tflmReference(p, in, expected, 8);
            byte[] actual = new byte[depth];
            p.eval(in, 0, actual, 0, scratch, 0);
            assertArrayEquals(expected, actual, "row " + n);
        }
    }

    // ---- softmax exp and reciprocal: check values of docs/int8-arithmetic.md §7.3-§7.5 ----

    @Test
    void expOfZeroIsTheLargestQ031() {
        assertEquals(Integer.MAX_VALUE, Softmax.expOnNegativeValues(0));
    }

    @Test
    void expOfMinusOnePointSix() {
        // §7.3: a = -1.6 (raw -107374184) -> raw 433569460 (0.2018965129; e^-1.6 = 0.2018965132)
        assertEquals(433569460, Softmax.expOnNegativeValues(-107374184));
    }

    @ParameterizedTest(name = "ExpNeg({0}) = {1}")
    @CsvSource({"-268435460, 39332524", "-201326595, 106916886", "-134217730, 290630233",
            "-67108865, 790014891"})
    void expColumnOfTheWorkedSoftmax(int q5_26, int expected) {
        assertEquals(expected, Softmax.expOnNegativeValues(q5_26));
    }

    @Test
    void expEqualsGemmlowpStepByStep() {
        // the kernel merges roundings and tests the remainder's bits in quarters; gemmlowp's steps over FixedPoint
        // must give the same bits for every fractional part t (every 3rd of the 2^24) and every remainder
        SplittableRandom random = new SplittableRandom(5L);
        for (int q = 0; q > -(1 << 24); q -= 3) {
            assertEquals(gemmlowpExp(q), Softmax.expOnNegativeValues(q), "exp at " + q);
        }
        for (int quarters = 0; quarters < 128; quarters++) {
            for (int n = 0; n < 500; n++) {
                int q = (int) Math.max(Integer.MIN_VALUE, -((long) quarters << 24) - random.nextInt(1 << 24));
                assertEquals(gemmlowpExp(q), Softmax.expOnNegativeValues(q), "exp at " + q);
            }
        }
    }

    /** gemmlowp's exp_on_negative_values for Q5.26 as it is written, over FixedPoint's SRDHM and RDBPOT. */
    private static int gemmlowpExp(int q5_26) {
        int quarter = 1 << 24;
        int t = (q5_26 & (quarter - 1)) - quarter;
        int x = (t << 5) + (1 << 28);
        int x2 = FixedPoint.saturatingRoundingDoublingHighMul(x, x);
        int x3 = FixedPoint.saturatingRoundingDoublingHighMul(x2, x);
        int x4 = FixedPoint.saturatingRoundingDoublingHighMul(x2, x2);
        int x4Over4 = FixedPoint.roundingDivideByPowerOfTwo(x4, 2);
        int poly = FixedPoint.roundingDivideByPowerOfTwo(
                FixedPoint.saturatingRoundingDoublingHighMul(x4Over4 + x3, 715827883) + x2, 1);
        int result = 1895147668 + FixedPoint.saturatingRoundingDoublingHighMul(1895147668, x + poly);
        int remainder = t - q5_26;
        int[] factors = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
        for (int k = 0; k < factors.length; k++) {
            if ((remainder & 1 << 24 + k) != 0) {
                result = FixedPoint.saturatingRoundingDoublingHighMul(result, factors[k]);
            }
        }
        return q5_26 == 0 ? Integer.MAX_VALUE : result;
    }

    /**
     * Sanity bound, not a bit-exact check: the degree-4 Taylor polynomial around -1/8 on [-1/4, 0) has a
     * truncation error of about (1/8)^5/120 = 2.5e-7; measured worst case 2.2e-7 at -1/4.
     */
    private static final double EXP_APPROXIMATION_ERROR = 3e-7;

    @Test
    void expIsCloseToTheRealExponentialAndMonotone() {
        int previous = Integer.MAX_VALUE;
        for (int raw = 0; raw >= -(31 << 26); raw -= 1 << 19) {
            int e = Softmax.expOnNegativeValues(raw);
            double expected = Math.exp(raw / (double) (1 << 26));
            assertTrue(Math.abs(e / 2147483648.0 - expected) < EXP_APPROXIMATION_ERROR, "exp at " + raw);
            assertTrue(e <= previous, "monotone at " + raw);
            previous = e;
        }
    }

    @Test
    void reciprocalCheckValues() {
        assertEquals(Integer.MAX_VALUE, Softmax.oneOverOnePlusX(0));
        // §7.5: u = 1226899456 (sum 1.5713196) -> recip 1366675294
        assertEquals(1366675294, Softmax.oneOverOnePlusX(1226899456));
        // §7.4: 1/(1 + 0.5) = 0.66666666511
        double twoThirds = Softmax.oneOverOnePlusX(1 << 30) / 2147483648.0;
        assertEquals(0.66666666511, twoThirds, 5e-11);
    }
}

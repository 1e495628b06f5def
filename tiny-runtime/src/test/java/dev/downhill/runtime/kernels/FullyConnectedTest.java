package dev.downhill.runtime.kernels;

import dev.downhill.runtime.format.ModelFormat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.fixedpoint.FixedPoint;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/int8-arithmetic.md §4-§6, and the folded kernel against the reference formula. */
class FullyConnectedTest {

    private static final byte[] WEIGHTS_1_TO_10 = bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    @Test
    void perTensorWorkedExample() {
        // TFLM SimpleTestQuantizedInt8: S_in 1, Z_in -1, S_w 1, S_out 0.5, Z_out -1 -> M 2^30, shift +2
        FullyConnected p = new FullyConnected(10, 3, -1, -1, new int[] {1 << 30}, new int[] {2},
                -128, 127, ModelFormat.DOUBLE_ROUNDING);
        byte[] input = bytes(0, 1, 2, 3, 4, 5, 6, 7, -10, -11, 0, 1, 2, 3, 4, 5, 6, -9, 8, -11);
        assertArrayEquals(bytes(47, 49, 51, 115, 117, 119), runBoth(p, input, WEIGHTS_1_TO_10, new int[] {1, 2, 3}));
    }

    @Test
    void perChannelWorkedExample() {
        // TFLM SimpleTestQuantizedPerChannelInt8, §5 table
        FullyConnected p = new FullyConnected(10, 3, -1, -1,
                new int[] {1717986944, 1073741824, 1073741824}, new int[] {-3, -2, -1}, -128, 127, ModelFormat.DOUBLE_ROUNDING);
        byte[] weights = bytes(5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40,
                2, 4, 6, 8, 10, 12, 14, 16, 18, 20);
        byte[] input = bytes(1, 3, 5, 7, 9, 11, 13, 15, -19, -21, 1, 3, 5, 7, 9, 11, 13, -17, 17, -21);
        assertArrayEquals(bytes(23, 24, 25, 57, 58, 59), runBoth(p, input, weights, new int[] {10, 16, 12}));
    }

    @Test
    void activationRangeClampsAfterTheZeroPointIsAdded() {
        // RELU6 with S_out 0.05, Z_out -100 -> [-100, 20]; outputs 47.. would be far above 20
        FullyConnected p = new FullyConnected(10, 3, -1, -100, new int[] {1 << 30}, new int[] {2},
                -100, 20, ModelFormat.DOUBLE_ROUNDING);
        byte[] input = bytes(0, 1, 2, 3, 4, 5, 6, 7, -10, -11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        byte[] out = runBoth(p, input, WEIGHTS_1_TO_10, new int[] {-200, 2, 3});
        // row 0 ch0: acc = 23 - 200 = -177 -> MBQM = -354 -> -454 -> clamp -100; ch1: (23+2)*2 - 100 = -50;
        // ch2: 26*2 - 100 = -48. row 1: x - Z_in = 1 each, dot = 55: ch0 (55-200)*2 - 100 -> -100;
        // ch1: 57*2 - 100 = 14; ch2: 58*2 - 100 = 16
        assertArrayEquals(bytes(-100, -50, -48, -100, 14, 16), out);
        FullyConnected relu6Low = new FullyConnected(10, 3, -1, 0, new int[] {1 << 30}, new int[] {2},
                0, 20, ModelFormat.DOUBLE_ROUNDING);
        assertArrayEquals(bytes(0, 20, 20, 0, 20, 20), runBoth(relu6Low, input, WEIGHTS_1_TO_10, new int[] {-200, 2, 3}));
    }

    @Test
    void foldedKernelEqualsReferenceOnRandomLayers() {
        SplittableRandom random = new SplittableRandom(7L);
        for (int trial = 0; trial < 300; trial++) {
            int depth = 1 + random.nextInt(80);
            int channels = 1 + random.nextInt(20);
            boolean perChannel = random.nextBoolean();
            int q = perChannel ? channels : 1;
            int[] m = new int[q];
            int[] s = new int[q];
            for (int i = 0; i < q; i++) {
                m[i] = random.nextInt(8) == 0 ? 0 : (1 << 30) + random.nextInt(1 << 30);
                s[i] = m[i] == 0 ? 0 : -12 + random.nextInt(14);
            }
            int min = -128 + random.nextInt(100);
            int max = min + random.nextInt(128 - min);
            FullyConnected p = new FullyConnected(depth, channels, random.nextInt(256) - 128,
                    random.nextInt(256) - 128, m, s, min, max, trial % 3);   // all three roundings
            byte[] w = randomBytes(random, depth * channels);
            byte[] x = randomBytes(random, depth);
            int[] bias = new int[channels];
            for (int c = 0; c < channels; c++) {
                bias[c] = random.nextInt(8) == 0 ? random.nextInt() : random.nextInt(200_000) - 100_000;
            }
            byte[] expected = new byte[channels];
            FullyConnectedReference.eval(p, x, 0, w, 0, bias, 0, expected, 0);
            byte[] actual = new byte[channels];
            int[] folded = bias.clone();
            p.foldInputOffset(w, 0, folded, 0);
            p.eval(x, 0, w, 0, folded, 0, actual, 0);
            assertArrayEquals(expected, actual, "trial " + trial);
        }
    }

    @Test
    void offsetsIntoLargerArraysAreHonoured() {
        FullyConnected p = new FullyConnected(2, 1, 0, 0, new int[] {1 << 30}, new int[] {1}, -128, 127, ModelFormat.DOUBLE_ROUNDING);
        byte[] weights = bytes(99, 99, 3, 4);
        byte[] input = bytes(99, 5, 6);
        int[] bias = {0, 0, 7};
        p.foldInputOffset(weights, 2, bias, 2);
        byte[] out = bytes(0, 0, 0);
        p.eval(input, 1, weights, 2, bias, 2, out, 2);
        assertArrayEquals(bytes(0, 0, 3 * 5 + 4 * 6 + 7), out);
    }

    @Test
    void paramsKeepTheEdgesOfEveryRange() {
        // Model.load checks the ranges (ModelTest); the constructor keeps what it is given
        FullyConnected edge = new FullyConnected(1, 2, -128, 127, new int[] {0, Integer.MAX_VALUE},
                new int[] {-31, 30}, -128, 127, ModelFormat.DOUBLE_ROUNDING);
        assertEquals(0, edge.multiplier(0));
        assertEquals(30, edge.shift(1));
        assertEquals(128, edge.inputOffset());
        assertTrue(edge.isPerChannel());
    }

    @Test
    void requantisationEqualsFixedPointAtEveryShiftAroundTies() {
        requantisationEqualsFixedPointAtEveryShift(ModelFormat.DOUBLE_ROUNDING);
    }

    @Test
    void singleRoundingRequantisationEqualsFixedPointAtEveryShiftAroundTies() {
        requantisationEqualsFixedPointAtEveryShift(ModelFormat.FLAG_SINGLE_ROUNDING);
    }

    @Test
    void halfUpRequantisationEqualsFixedPointAtEveryShiftAroundTies() {
        requantisationEqualsFixedPointAtEveryShift(ModelFormat.FLAG_HALF_UP);
    }

    @Test
    void singleAndDoubleRoundingPartOnlyWhereTheSecondRoundingActs() {
        // -2 · 2^30 · 2^-32 = -0.5: single rounding takes the half up, TFLM's RDBPOT takes it away from zero
        assertEquals(0, FixedPoint.multiplyByQuantizedMultiplierSingleRounding(-2, 1 << 30, -1));
        assertEquals(-1, FixedPoint.multiplyByQuantizedMultiplier(-2, 1 << 30, -1));
        assertEquals(1, FixedPoint.multiplyByQuantizedMultiplierSingleRounding(2, 1 << 30, -1));
        assertEquals(1, FixedPoint.multiplyByQuantizedMultiplier(2, 1 << 30, -1));
        // 4 · 1.375 · 2^-1 = 1.375: SRDHM first rounds 2.75 to 3, then RDBPOT rounds 1.5 to 2; once, it is 1
        assertEquals(1, FixedPoint.multiplyByQuantizedMultiplierSingleRounding(4, 1476395008, -1));
        assertEquals(2, FixedPoint.multiplyByQuantizedMultiplier(4, 1476395008, -1));
        // with a shift >= 0 there is no second rounding: the two agree (here -5 · 2^30 · 2^-31 = -2.5, half up)
        assertEquals(-2, FixedPoint.multiplyByQuantizedMultiplierSingleRounding(-5, 1 << 30, 0));
        assertEquals(-2, FixedPoint.multiplyByQuantizedMultiplier(-5, 1 << 30, 0));
        // half up keeps both roundings and moves only the second one's negative ties: SRDHM gives -1, then -0.5 -> 0
        assertEquals(0, FixedPoint.multiplyByQuantizedMultiplierHalfUp(-2, 1 << 30, -1));
        assertEquals(1, FixedPoint.multiplyByQuantizedMultiplierHalfUp(2, 1 << 30, -1));
        assertEquals(2, FixedPoint.multiplyByQuantizedMultiplierHalfUp(4, 1476395008, -1));
        // -6 · 0.6875 · 2^-1: SRDHM rounds -4.125 to -4, then -2 exactly: no tie, the two agree
        assertEquals(-2, FixedPoint.multiplyByQuantizedMultiplierHalfUp(-6, 1476395008, -1));
        assertEquals(-2, FixedPoint.multiplyByQuantizedMultiplier(-6, 1476395008, -1));
        // -3 · 2^30 · 2^-32 = -0.75: SRDHM -1.5 -> -1 (its own ties go up), then -0.5: away -1, up 0
        assertEquals(0, FixedPoint.multiplyByQuantizedMultiplierHalfUp(-3, 1 << 30, -1));
        assertEquals(-1, FixedPoint.multiplyByQuantizedMultiplier(-3, 1 << 30, -1));
        assertEquals(-1, FixedPoint.multiplyByQuantizedMultiplierSingleRounding(-3, 1 << 30, -1));
    }

    @Test
    void withAShiftOfAtLeastZeroBothRoundingsAgreeUnlessTheLeftShiftWraps() {
        // floor((x·2^s·M + 2^30) / 2^31) = floor((x·M + 2^(30-s)) / 2^(31-s)): why softmax's input scaling
        // (MultiplyByQuantizedMultiplierGreaterThanOne, a shift >= 0 on differences that never wrap) needs no
        // single-rounding variant
        SplittableRandom random = new SplittableRandom(13L);
        for (int trial = 0; trial < 200_000; trial++) {
            int shift = random.nextInt(31);
            int m = (1 << 30) + random.nextInt(1 << 30);
            int x = random.nextInt() >> shift;                        // x · 2^shift stays inside int
            assertEquals(FixedPoint.multiplyByQuantizedMultiplier(x, m, shift),
                    FixedPoint.multiplyByQuantizedMultiplierSingleRounding(x, m, shift),
                    "x " + x + ", M " + m + ", shift " + shift);
        }
    }

    private static void requantisationEqualsFixedPointAtEveryShift(int rounding) {
        // eval's single long shift against MBQM's two roundings, with accumulators aimed at outputs inside int8 (so
        // the clamp hides nothing) and at the half-way points between two outputs, for every legal shift, both
        // signs, M = 2^30 (where ties are exact) and random M, plus accumulators at the int32 extremes
        SplittableRandom random = new SplittableRandom(11L);
        int[] acc = new int[1];
        byte[] out = new byte[1];
        int checked = 0;
        for (int shift = FullyConnected.MIN_SHIFT; shift <= FullyConnected.MAX_SHIFT; shift++) {
            for (int trial = 0; trial < 400; trial++) {
                int m = trial % 4 == 0 ? 1 << 30 : trial % 4 == 1 ? Integer.MAX_VALUE
                        : (1 << 30) + random.nextInt(1 << 30);
                double target = random.nextInt(257) - 128 + (trial % 2 == 0 ? 0.5 : 0);
                double exact = target * Math.pow(2, 31 - shift) / m + random.nextInt(7) - 3;
                long a = trial % 50 == 7 ? Integer.MIN_VALUE + random.nextInt(3)
                        : trial % 50 == 8 ? Integer.MAX_VALUE - random.nextInt(3) : Math.round(exact);
                if (a < Integer.MIN_VALUE || a > Integer.MAX_VALUE) {
                    continue;
                }
                acc[0] = (int) a;
                int zeroPoint = random.nextInt(5) - 2;
                new FullyConnected(1, 1, 0, zeroPoint, new int[] {m}, new int[] {shift}, -128, 127, rounding)
                        .eval(bytes(1), 0, bytes(0), 0, acc, 0, out, 0);   // weight 0: the sum is the bias
                int expected = FixedPoint.saturateToInt8((rounding == ModelFormat.FLAG_SINGLE_ROUNDING
                        ? FixedPoint.multiplyByQuantizedMultiplierSingleRounding(acc[0], m, shift)
                        : rounding == ModelFormat.FLAG_HALF_UP
                        ? FixedPoint.multiplyByQuantizedMultiplierHalfUp(acc[0], m, shift)
                        : FixedPoint.multiplyByQuantizedMultiplier(acc[0], m, shift)) + zeroPoint);
                assertEquals(expected, out[0], "acc " + acc[0] + ", M " + m + ", shift " + shift);
                checked++;
            }
        }
        assertTrue(checked > 20_000, "too few accumulators in int32: " + checked);
    }

    /** Runs both kernels row by row; fails if they disagree; returns the output. */
    static byte[] runBoth(FullyConnected p, byte[] input, byte[] weights, int[] bias) {
        int rows = input.length / p.inputDepth();
        byte[] reference = new byte[rows * p.outputDepth()];
        byte[] folded = new byte[rows * p.outputDepth()];
        int[] foldedBias = bias.clone();
        p.foldInputOffset(weights, 0, foldedBias, 0);
        for (int r = 0; r < rows; r++) {
            FullyConnectedReference.eval(p, input, r * p.inputDepth(), weights, 0, bias, 0, reference,
                    r * p.outputDepth());
            p.eval(input, r * p.inputDepth(), weights, 0, foldedBias, 0, folded, r * p.outputDepth());
        }
        assertArrayEquals(reference, folded, "folded kernel disagrees with the reference");
        return folded;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}

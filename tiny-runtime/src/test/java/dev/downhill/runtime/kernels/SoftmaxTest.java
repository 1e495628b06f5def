package dev.downhill.runtime.kernels;

import static dev.downhill.runtime.kernels.FullyConnectedTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.fixedpoint.FixedPoint;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** docs/int8-arithmetic.md §7.1 and the worked example §7.5. */
class SoftmaxTest {

    private static final SoftmaxParams SCALE_0_1 = new SoftmaxParams(5, 1717986944, 23);

    @Test
    void diffMinFromLeftShift() {
        assertEquals(-248, SCALE_0_1.diffMin());
        assertEquals(0, new SoftmaxParams(1, 1 << 30, 31).diffMin());
        assertEquals(-(31 << 26), new SoftmaxParams(1, 1 << 30, 0).diffMin());
    }

    @Test
    void workedExample() {
        byte[] out = new byte[5];
        Softmax.eval(SCALE_0_1, bytes(10, 20, 30, 40, 50), 0, out, 0, new int[512], 0);
        assertArrayEquals(bytes(-125, -120, -106, -68, 35), out);
    }

    @Test
    void runsInPlace() {
        byte[] data = bytes(10, 20, 30, 40, 50);
        Softmax.eval(SCALE_0_1, data, 0, data, 0, new int[512], 0);
        assertArrayEquals(bytes(-125, -120, -106, -68, 35), data);
    }

    @Test
    void int16OutputVariant() {
        short[] out = new short[5];
        Softmax.evalInt16(SCALE_0_1, bytes(10, 20, 30, 40, 50), 0, out, 0, new int[512], 0);
        // TFLM reference output of Softmax2DQuantizedInt8InputInt16Output, row 0
        assertArrayEquals(new short[] {-32004, -30692, -27123, -17425, 8940}, out);
    }

    @Test
    void int16CertaintySaturatesAt32767() {
        short[] out = new short[3];
        Softmax.evalInt16(new SoftmaxParams(3, 1717986944, 23), bytes(127, -128, -128), 0, out, 0, new int[3], 0);
        assertArrayEquals(new short[] {32767, -32768, -32768}, out);
    }

    @Test
    void farBelowTheMaximumGivesTheMinimumAndCertaintySaturatesAt127() {
        byte[] out = new byte[3];
        Softmax.eval(new SoftmaxParams(3, 1717986944, 23), bytes(127, -128, -128), 0, out, 0, new int[512], 0);
        // differences of -255 < diffMin -248: those elements do not contribute; probability 1.0 clamps to 127
        assertArrayEquals(bytes(127, -128, -128), out);
    }

    @Test
    void uniformRowAtMaximumDepth() {
        int depth = SoftmaxParams.MAX_DEPTH;
        byte[] in = new byte[depth];
        byte[] out = new byte[depth];
        Softmax.eval(new SoftmaxParams(depth, 1717986944, 23), in, 0, out, 0, new int[512], 0);
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
        Softmax.eval(SCALE_0_1, bytes(10, 20, 30, 40, 50), 0, out, 0, scratch, 4);
        assertArrayEquals(bytes(-125, -120, -106, -68, 35), out);
        assertEquals(77, scratch[3]);
        assertEquals(77, scratch[9]);
    }

    /** TFLM's SoftmaxInt8 loop transcribed over FixedPoint, exp computed twice as TFLM does. */
    static void tflmReference(SoftmaxParams p, byte[] in, byte[] out, int bits) {
        int max = -128;
        for (byte v : in) {
            max = Math.max(max, v);
        }
        int sum = 0;
        for (byte v : in) {
            int diff = v - max;
            if (diff >= p.diffMin()) {
                int scaled = FixedPoint.saturatingRoundingDoublingHighMul(diff << p.inputLeftShift(), p.inputMultiplier());
                sum += FixedPoint.roundingDivideByPowerOfTwo(FixedPoint.expOnNegativeValues(scaled), 12);
            }
        }
        int headroom = Integer.numberOfLeadingZeros(sum);
        int recip = FixedPoint.oneOverOnePlusX((sum << headroom) - Integer.MIN_VALUE);
        for (int i = 0; i < in.length; i++) {
            int diff = in[i] - max;
            int q = -128;
            if (diff >= p.diffMin()) {
                int scaled = FixedPoint.saturatingRoundingDoublingHighMul(diff << p.inputLeftShift(), p.inputMultiplier());
                int e = FixedPoint.expOnNegativeValues(scaled);
                q = Math.min(127, FixedPoint.roundingDivideByPowerOfTwo(
                        FixedPoint.saturatingRoundingDoublingHighMul(recip, e), 12 - headroom + 31 - bits) - 128);
            }
            out[i] = (byte) q;
        }
    }

    @Test
    void matchesTheTflmLoopOnRandomRows() {
        SplittableRandom r = new SplittableRandom(5);
        int[] scratch = new int[SoftmaxParams.MAX_DEPTH];
        for (int n = 0; n < 2000; n++) {
            int depth = 1 + r.nextInt(n % 10 == 0 ? SoftmaxParams.MAX_DEPTH : 20);
            SoftmaxParams p = new SoftmaxParams(depth, (1 << 30) + r.nextInt(1 << 30), r.nextInt(32));
            byte[] in = new byte[depth];
            for (int i = 0; i < depth; i++) {
                in[i] = (byte) (r.nextInt(n % 3 == 0 ? 8 : 256) - 128);
            }
            byte[] expected = new byte[depth];
            tflmReference(p, in, expected, 8);
            byte[] actual = new byte[depth];
            Softmax.eval(p, in, 0, actual, 0, scratch, 0);
            assertArrayEquals(expected, actual, "row " + n);
        }
    }
}

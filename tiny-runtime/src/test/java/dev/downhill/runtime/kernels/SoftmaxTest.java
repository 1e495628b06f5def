package dev.downhill.runtime.kernels;

import static dev.downhill.runtime.kernels.FullyConnectedTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Softmax.eval(SCALE_0_1, bytes(10, 20, 30, 40, 50), 0, out, 0);
        assertArrayEquals(bytes(-125, -120, -106, -68, 35), out);
    }

    @Test
    void runsInPlace() {
        byte[] data = bytes(10, 20, 30, 40, 50);
        Softmax.eval(SCALE_0_1, data, 0, data, 0);
        assertArrayEquals(bytes(-125, -120, -106, -68, 35), data);
    }

    @Test
    void int16OutputVariant() {
        short[] out = new short[5];
        Softmax.evalInt16(SCALE_0_1, bytes(10, 20, 30, 40, 50), 0, out, 0);
        // TFLM reference output of Softmax2DQuantizedInt8InputInt16Output, row 0
        assertArrayEquals(new short[] {-32004, -30692, -27123, -17425, 8940}, out);
    }

    @Test
    void farBelowTheMaximumGivesTheMinimumAndCertaintySaturatesAt127() {
        byte[] out = new byte[3];
        Softmax.eval(new SoftmaxParams(3, 1717986944, 23), bytes(127, -128, -128), 0, out, 0);
        // differences of -255 < diffMin -248: those elements do not contribute; probability 1.0 clamps to 127
        assertArrayEquals(bytes(127, -128, -128), out);
    }

    @Test
    void uniformRowAtMaximumDepth() {
        int depth = SoftmaxParams.MAX_DEPTH;
        byte[] in = new byte[depth];
        byte[] out = new byte[depth];
        Softmax.eval(new SoftmaxParams(depth, 1717986944, 23), in, 0, out, 0);
        for (int i = 0; i < depth; i++) {
            // 256/511 = 0.501 -> RDBPOT rounds to 1 -> -127
            assertEquals(-127, out[i]);
        }
        assertTrue(depth < 512);
    }

    @Test
    void paramsRejectOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxParams(0, 1 << 30, 1));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxParams(SoftmaxParams.MAX_DEPTH + 1, 1 << 30, 1));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxParams(3, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxParams(3, 1 << 30, 32));
    }
}

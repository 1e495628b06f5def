package dev.downhill.runtime.kernels;

import static dev.downhill.runtime.kernels.FullyConnectedTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.fixedpoint.FixedPoint;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InputQuantizerTest {

    @Test
    void foldsStandardisationWithSubUnitMean() {
        // pixels 0..16, mean 8.25, std 2, S_in 0.125, Z -3: k = 2 so offset = 8.25 * 4 = 33;
        // m = 1 / (2 * 0.125 * 4) = 0.5 -> M = 2^30, shift 0
        InputQuantizer p = new InputQuantizer(2, -3, new int[] {33, 33, 33, 33},
                new int[] {1 << 30}, new int[] {0});
        byte[] out = new byte[4];
        p.quantize(new int[] {10, 9, 0, 16}, 0, out, 0);
        // (10-8.25)/2/0.125 = 7 -> v = 7, MBQM(7, 0.5) = SRDHM(7, 2^30) = 3.5 -> 4 (tie toward +inf); -3 + 4 = 1
        // 9 -> 3 * 0.5 = 1.5 -> 2 -> -1; 0 -> -33 * 0.5 = -16.5 -> -16 -> -19; 16 -> 31 * 0.5 = 15.5 -> 16 -> 13
        assertArrayEquals(bytes(1, -1, -19, 13), out);
    }

    @Test
    void perFeatureParams() {
        InputQuantizer p = new InputQuantizer(0, 0, new int[] {0, 100},
                new int[] {1 << 30, 1 << 30}, new int[] {1, -2});
        assertEquals(5, p.quantizeOne(0, 5));      // gain 1
        assertEquals(25, p.quantizeOne(1, 300));   // (300 - 100) / 8
        assertEquals(-13, p.quantizeOne(1, 0));    // -100 / 8 = -12.5 -> -13 (away from zero)
    }

    @Test
    void saturatesRawValuesAndLargeGains() {
        InputQuantizer gain = new InputQuantizer(15, 0, new int[] {0},
                new int[] {1 << 30}, new int[] {30});
        assertEquals(127, gain.quantizeOne(0, 100_000));
        assertEquals(-128, gain.quantizeOne(0, Integer.MIN_VALUE));
        InputQuantizer unit = new InputQuantizer(0, 0, new int[] {0}, new int[] {1 << 30},
                new int[] {1});
        assertEquals(127, unit.quantizeOne(0, 32767));
        assertEquals(-128, unit.quantizeOne(0, -32768));
    }

    @Test
    void paramsKeepTheEdgesOfEveryRange() {
        // Model.load checks the ranges (ModelTest); the constructor keeps what it is given
        InputQuantizer edge = new InputQuantizer(15, 127, new int[] {-(1 << 30), 1 << 30},
                new int[] {0, Integer.MAX_VALUE}, new int[] {-31, 30});
        assertTrue(edge.isPerFeature());
        assertEquals(2, edge.features());
        assertEquals(Integer.MAX_VALUE, edge.multiplier(1));
        assertEquals(-31, edge.shift(0));
    }

    /** The kernel writes FixedPoint's three steps out; on random valid parameters it must give FixedPoint's bits. */
    @Test
    void matchesTheFormulaOverFixedPoint() {
        SplittableRandom r = new SplittableRandom(2);
        for (int n = 0; n < 20_000; n++) {
            int preShift = r.nextInt(InputQuantizer.MAX_PRE_SHIFT + 1);
            int offset = r.nextInt(-InputQuantizer.MAX_ABS_OFFSET, InputQuantizer.MAX_ABS_OFFSET + 1);
            int m = r.nextInt(8) == 0 ? 0 : (1 << 30) + r.nextInt(1 << 30);
            int shift = r.nextInt(-31, 31);
            int zero = r.nextInt(-128, 128);
            int raw = r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(-40_000, 40_000);
            InputQuantizer p = new InputQuantizer(preShift, zero, new int[] {offset}, new int[] {m},
                    new int[] {shift});
            int v = (Math.max(-32768, Math.min(32767, raw)) << preShift) - offset;
            int scaled = FixedPoint.roundingDivideByPowerOfTwo(FixedPoint.saturatingRoundingDoublingHighMul(
                    FixedPoint.saturatingLeftShift(v, Math.max(shift, 0)), m), Math.max(-shift, 0));
            long expected = Math.max(-128, Math.min(127, (long) scaled + zero));
            assertEquals(expected, p.quantizeOne(0, raw), "raw " + raw + " preShift " + preShift + " offset " + offset
                    + " M " + m + " shift " + shift);
        }
    }
}

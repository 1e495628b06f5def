package dev.downhill.runtime.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScaleMathTest {

    private static double value(long packed) {
        return ScaleMath.multiplier(packed) * Math.pow(2, ScaleMath.shift(packed) - 31);
    }

    private static long of(float f) {
        return ScaleMath.fromFloatBits(Float.floatToIntBits(f), "test scale");
    }

    @Test
    void decodesFloatBitsExactly() {
        assertEquals(ScaleMath.pack(1 << 30, 1), of(1.0f));
        Random r = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            float f = (float) Math.exp(r.nextGaussian() * 8);
            long v = of(f);
            assertEquals((double) f, value(v), 0.0, "float " + f);
            assertTrue(ScaleMath.multiplier(v) >= 1 << 30);
        }
    }

    @Test
    void refusesScalesThatAreNotPositiveNormalFloats() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaleMath.fromFloatBits(Float.floatToIntBits(-0.5f), "layer 2 weight scale"));
        assertEquals("layer 2 weight scale is not a positive normal float32 (bits 0xbf000000)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScaleMath.fromFloatBits(0, "s"));
        assertThrows(IllegalArgumentException.class, () -> ScaleMath.fromFloatBits(1, "s"));
        assertThrows(IllegalArgumentException.class, () -> ScaleMath.fromFloatBits(0x7F800000, "s"));
    }

    @Test
    void multipliesAndDividesWithin31BitPrecision() {
        Random r = new Random(2);
        for (int i = 0; i < 10_000; i++) {
            double a = Math.exp(r.nextGaussian() * 10);
            double b = Math.exp(r.nextGaussian() * 10);
            long pa = of((float) a);
            long pb = of((float) b);
            double fa = (float) a;
            double fb = (float) b;
            assertEquals(fa * fb, value(ScaleMath.multiply(pa, pb)), fa * fb * 4e-9);
            assertEquals(fa / fb, value(ScaleMath.divide(pa, pb)), fa / fb * 4e-9);
            assertEquals(1 / fa, value(ScaleMath.reciprocal(pa)), 1 / fa * 4e-9);
        }
        assertEquals(0.25, value(ScaleMath.powerOfTwo(-2)), 0.0);
    }

    @Test
    void applyIntEqualsApplyForEveryIntInput() {
        Random r = new Random(3);
        int[] edges = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, -(1 << 30), 255, -256};
        int[] shifts = {-70, -63, -40, -32, -31, -1, 0, 1, 2, 31, 32, 33, 40, 63, 70};
        for (int i = 0; i < 200_000; i++) {
            int x = i < edges.length * 50 ? edges[i % edges.length] : r.nextInt() >> r.nextInt(32);
            int m = (1 << 30) + r.nextInt(1 << 30);
            int shift = i % 3 == 0 ? shifts[r.nextInt(shifts.length)] : r.nextInt(81) - 40;
            assertEquals(ScaleMath.apply(x, ScaleMath.pack(m, shift)), ScaleMath.applyInt(x, m, shift),
                    "x " + x + " M " + m + " shift " + shift);
        }
    }

    @Test
    void applyRoundsToNearestAndSaturates() {
        long half = ScaleMath.powerOfTwo(-1);
        assertEquals(3, ScaleMath.apply(5, half), "2.5 -> 3 (ties toward +inf)");
        assertEquals(-2, ScaleMath.apply(-5, half), "-2.5 -> -2");
        assertEquals(-3, ScaleMath.apply(-7, half));
        assertEquals(Integer.MAX_VALUE, ScaleMath.apply(1L << 40, ScaleMath.powerOfTwo(0)));
        assertEquals(Integer.MIN_VALUE, ScaleMath.apply(-(1L << 40), ScaleMath.powerOfTwo(0)));
        assertEquals(Integer.MAX_VALUE, ScaleMath.apply(3, ScaleMath.powerOfTwo(40)));
        assertEquals(0, ScaleMath.apply(0, ScaleMath.powerOfTwo(40)));
        assertEquals(0, ScaleMath.apply(Long.MAX_VALUE, ScaleMath.powerOfTwo(-100)));
        Random r = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            long x = r.nextLong() >> r.nextInt(64);
            double m = Math.exp(r.nextGaussian() * 15);
            long pm = of((float) m);
            double exact = x * value(pm);
            int got = ScaleMath.apply(x, pm);
            if (Math.abs(exact) < 2.1e9) {
                assertEquals(exact, got, 0.5 + Math.abs(exact) * 1e-9, "x " + x + " m " + (float) m);
            } else if (Math.abs(exact) > 2.2e9) {
                assertEquals(exact > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE, got);
            }
        }
    }
}

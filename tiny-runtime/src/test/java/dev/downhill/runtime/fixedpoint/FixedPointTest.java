package dev.downhill.runtime.fixedpoint;

import static dev.downhill.runtime.fixedpoint.FixedPoint.multiplyByQuantizedMultiplier;
import static dev.downhill.runtime.fixedpoint.FixedPoint.roundingDivideByPowerOfTwo;
import static dev.downhill.runtime.fixedpoint.FixedPoint.saturateToInt8;
import static dev.downhill.runtime.fixedpoint.FixedPoint.saturatingLeftShift;
import static dev.downhill.runtime.fixedpoint.FixedPoint.saturatingRoundingDoublingHighMul;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked examples of docs/int8-arithmetic.md §3-§5, the tie rules, and saturation. */
class FixedPointTest {

    private static final int TWO_30 = 1 << 30;

    @ParameterizedTest(name = "SRDHM({0}, 2^30) = {1}")
    @CsvSource({"5, 3", "-5, -2", "3, 2", "-3, -1", "-7, -3"})
    void srdhmRoundsTiesTowardPlusInfinity(int a, int expected) {
        assertEquals(expected, saturatingRoundingDoublingHighMul(a, TWO_30));
    }

    @Test
    void srdhmSaturatesOnlyMinTimesMin() {
        assertEquals(Integer.MAX_VALUE, saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
        assertEquals(Integer.MIN_VALUE + 1, saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE - 1, saturatingRoundingDoublingHighMul(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    @ParameterizedTest(name = "RDBPOT({0}, {1}) = {2}")
    @CsvSource({"12, 3, 2", "-12, 3, -2", "20, 3, 3", "-20, 3, -3", "-11, 3, -1", "-13, 3, -2",
            "7, 0, 7", "-7, 0, -7", "1073741824, 31, 1", "-1073741824, 31, -1", "1073741823, 31, 0",
            "-1073741823, 31, 0", "2147483647, 31, 1", "-2147483648, 31, -1", "64, 7, 1", "-64, 7, -1", "63, 7, 0"})
    void rdbpotRoundsTiesAwayFromZero(int x, int n, int expected) {
        assertEquals(expected, roundingDivideByPowerOfTwo(x, n));
    }

    @Test
    void mbqmIsDoubleRoundingAsTflmDefault() {
        // hello_world layer 1, x = 67: exact 0.49716 would round to 0; TFLM's double rounding gives 1
        assertEquals(64, saturatingRoundingDoublingHighMul(67, 2039655759));
        assertEquals(1, multiplyByQuantizedMultiplier(67, 2039655759, -7));
    }

    @ParameterizedTest(name = "MBQM({0}, {1}, {2}) = {3}")
    @CsvSource({
            "24, 1073741824, 2, 48",          // §4 SimpleTestQuantizedInt8 row 0 channel 0
            "240, 1717986944, -3, 24",        // §5 per-channel, channel 0
            "200, 1073741824, -2, 25",        // channel 1
            "104, 1073741824, -1, 26",        // channel 2
            "0, 0, 0, 0", "12345, 0, 0, 0"})  // flushed multiplier
    void mbqmWorkedExamples(int x, int m, int shift, int expected) {
        assertEquals(expected, multiplyByQuantizedMultiplier(x, m, shift));
    }

    @Test
    void primitivesMatchExactArithmeticOnRandomInputs() {
        SplittableRandom random = new SplittableRandom(20260101L);
        for (int i = 0; i < 20_000; i++) {
            int a = random.nextInt();
            int b = random.nextInt();
            int n = random.nextInt(32);
            assertEquals(exactSrdhm(a, b), saturatingRoundingDoublingHighMul(a, b), "SRDHM " + a + " " + b);
            assertEquals(exactRdbpot(a, n), roundingDivideByPowerOfTwo(a, n), "RDBPOT " + a + " " + n);
        }
    }

    @Test
    void saturatingLeftShiftClampsInsteadOfWrapping() {
        assertEquals(40, saturatingLeftShift(5, 3));
        assertEquals(-40, saturatingLeftShift(-5, 3));
        assertEquals(Integer.MAX_VALUE, saturatingLeftShift(1 << 29, 2));
        assertEquals(Integer.MIN_VALUE, saturatingLeftShift(-(1 << 29), 2));
        assertEquals(Integer.MIN_VALUE, saturatingLeftShift(-(1 << 29) - 1, 2));
        assertEquals(Integer.MAX_VALUE, saturatingLeftShift(1, 31));
        assertEquals(-7, saturatingLeftShift(-7, 0));
    }

    @Test
    void saturateToInt8Clamps() {
        assertEquals(-128, saturateToInt8(-129));
        assertEquals(127, saturateToInt8(128));
        assertEquals(-5, saturateToInt8(-5));
        assertEquals(-128, saturateToInt8(Integer.MIN_VALUE));
    }

    /** round((a·b)/2^31) with ties toward +infinity, saturated: the definition, in BigInteger. */
    private static int exactSrdhm(int a, int b) {
        BigInteger p = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        BigInteger r = p.add(BigInteger.ONE.shiftLeft(30)).shiftRight(31);   // floor((p + 2^30) / 2^31)
        return r.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValueExact();
    }

    /** x / 2^n rounded to nearest, ties away from zero, in BigInteger. */
    private static int exactRdbpot(int x, int n) {
        BigInteger abs = BigInteger.valueOf(x).abs();
        BigInteger rounded = n == 0 ? abs : abs.add(BigInteger.ONE.shiftLeft(n - 1)).shiftRight(n);
        return (x < 0 ? rounded.negate() : rounded).intValueExact();
    }
}

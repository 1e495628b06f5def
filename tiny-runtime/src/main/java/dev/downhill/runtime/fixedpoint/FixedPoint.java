package dev.downhill.runtime.fixedpoint;

/**
 * The integer primitives of TFLite's int8 requantisation, reproducing TensorFlow Lite Micro's
 * <b>default double-rounding path</b> ({@code TFLITE_SINGLE_ROUNDING} unset): a saturating rounding
 * doubling high multiply (ties toward +infinity) followed by a rounding divide by a power of two (ties away
 * from zero). The single-rounding build variant is deliberately not reproduced.
 *
 * <p>Proof of bit-exactness: the worked examples of {@code docs/int8-arithmetic.md} (FixedPointTest) and the
 * TFLM kernel goldens in {@code conformance-tests} ({@code TflmFullyConnectedCasesTest},
 * {@code TflmSoftmaxCasesTest}, which read {@code golden/tflm/*_cases.json} captured from TFLM commit
 * {@code 90b983c2}).
 *
 * <p>All methods are pure, allocation-free and total over their documented argument ranges.
 *
 * <p>It also holds the two fixed-point approximations inside int8 softmax, step for step as gemmlowp (the header TFLM pins)
 * computes them; see {@code docs/int8-arithmetic.md} §7.3 and §7.4. They are deliberately not the most
 * accurate exp or reciprocal: only this exact polynomial, these Newton steps and these intermediate roundings
 * reproduce TFLM's bits.
 *
 * <p>Notation: {@code Qm.n} is an int32 raw value {@code v} meaning {@code v / 2^n}, {@code n = 31 - m}.
 */
public final class FixedPoint {

    private FixedPoint() {
    }

    /**
     * SRDHM(a, b): the high 32 bits of {@code 2·a·b}, rounded to nearest with ties toward +infinity, i.e.
     * {@code (a·b + 2^30) >> 31} in 64 bits. The only overflowing input, {@code (MIN_VALUE, MIN_VALUE)},
     * saturates to {@code MAX_VALUE}. Read it as {@code a · (b / 2^31)}.
     *
     * @param a the first factor
     * @param b the second factor
     * @return SRDHM(a, b): the high 32 bits of {@code 2·a·b}, rounded to nearest with ties toward +infinity
     */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        return (int) (((long) a * b + (1L << 30)) >> 31);
    }

    /**
     * RDBPOT(x, exponent): {@code x / 2^exponent} rounded to nearest, ties away from zero.
     *
     * @param x the operand
     * @param exponent 0..31 (not checked: the callers' parameters are validated at load)
     * @return RDBPOT(x, exponent): {@code x / 2^exponent} rounded to nearest, ties away from zero
     */
    public static int roundingDivideByPowerOfTwo(int x, int exponent) {
        int mask = (1 << exponent) - 1;          // exponent 31 gives 0x7fffffff, 0 gives 0
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /**
     * MBQM(x, M, shift) = RDBPOT(SRDHM(x · 2^max(shift,0), M), max(-shift,0)): multiplies {@code x} by the
     * real number {@code M · 2^(shift-31)}. The left shift is a plain (wrapping) int multiplication, as in TFLM.
     *
     * @param x the operand
     * @param multiplier 0 or in [2^30, 2^31-1]
     * @param shift      -31..30
     * @return MBQM(x, M, shift) = RDBPOT(SRDHM(x · 2^max(shift,0), M), max(-shift,0)): multiplies {@code x} by the real number {@code M · 2^(shift-31)}
     */
    public static int multiplyByQuantizedMultiplier(int x, int multiplier, int shift) {
        int left = shift > 0 ? shift : 0;
        int right = shift > 0 ? 0 : -shift;
        return roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMul(x << left, multiplier), right);
    }

    /**
     * {@code clamp(x · 2^k, MIN_VALUE, MAX_VALUE)} computed without overflow (gemmlowp's
     * SaturatingRoundingMultiplyByPOT for a positive exponent).
     *
     * @param x the operand
     * @param k 0..31
     * @return {@code clamp(x · 2^k, MIN_VALUE, MAX_VALUE)} computed without overflow (gemmlowp's SaturatingRoundingMultiplyByPOT for a positive exponent)
     */
    public static int saturatingLeftShift(int x, int k) {
        long v = (long) x << k;                  // |x| < 2^31 and k <= 31, so this is exact in 64 bits
        if (v > Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        if (v < Integer.MIN_VALUE) {
            return Integer.MIN_VALUE;
        }
        return (int) v;
    }

    /**
     * {@code clamp(x, -128, 127)}.
     *
     * @param x the operand
     * @return {@code clamp(x, -128, 127)}
     */
    public static int saturateToInt8(int x) {
        return x < -128 ? -128 : (x > 127 ? 127 : x);
    }

    // ---- the two fixed-point approximations inside int8 softmax (docs/int8-arithmetic.md §7.3, §7.4) ----

    /* The softmax approximations' constants are literals in the code rather than a static table: the embedded contract forbids static
     * mutable state, and a static final int[] is mutable. C_k = round(2^31 * e^(-2^k)) for k = -2..4.
     */

    private static final int ONE_QUARTER_Q5_26 = 1 << 24;
    private static final int ONE_Q2_29 = 1 << 29;
    /** round(2^31 · e^(-1/8)). */
    private static final long EXP_MINUS_ONE_EIGHTH = 1895147668;
    /** round(2^31 / 3). */
    private static final long ONE_THIRD = 715827883;
    /** 2^30: SRDHM's rounding term. */
    private static final long ROUND = 1L << 30;
    /** round(2^29 · 48/17). */
    private static final int NEWTON_A = 1515870810;
    /** round(2^29 · (-32/17)). */
    private static final int NEWTON_B = -1010580540;

    /**
     * exp(a) for a non-positive Q5.26 value {@code a}, as Q0.31 ({@code exp(0)} gives {@code 2^31-1}).
     * Behaviour for positive {@code a} is unspecified (softmax only passes {@code x - max <= 0}).
     *
     * @param q5_26 a non-positive Q5.26 value
     * @return exp(a) for a non-positive Q5.26 value {@code a}, as Q0.31 ({@code exp(0)} gives {@code 2^31-1})
     */
    public static int expOnNegativeValues(int q5_26) {
        // gemmlowp's steps with SRDHM written out: (a·b + 2^30) >> 31. No operand here is MIN_VALUE, so its
        // saturating case cannot occur; softmax calls this once per element, and under -Xint calls are costly.
        if (q5_26 == 0) {
            return Integer.MAX_VALUE;
        }
        int t = (q5_26 & (ONE_QUARTER_Q5_26 - 1)) - ONE_QUARTER_Q5_26;   // in [-1/4, 0)
        int remainder = t - q5_26;                                        // non-negative multiple of 1/4
        // exp(x) for x = t as Q0.31 in [-1/4, 0) (t << 5 is exact): Taylor polynomial of degree 4 around -1/8
        long y = (t << 5) + (1 << 28);
        long y2 = (y * y + ROUND) >> 31;
        long y3 = (y2 * y + ROUND) >> 31;
        long y4 = (y2 * y2 + ROUND) >> 31;
        long y4Over4 = (y4 >> 2) + ((y4 & 3) > 1 ? 1 : 0);                   // RDBPOT(y4 >= 0, 2)
        long poly = ((y4Over4 + y3) * ONE_THIRD + ROUND >> 31) + y2;
        poly = (poly + 1) >> 1;     // RDBPOT(poly, 1): poly >= 0 for every t (checked over all 2^24 of them)
        long r = EXP_MINUS_ONE_EIGHTH + ((EXP_MINUS_ONE_EIGHTH * (y + poly) + ROUND) >> 31);
        // the barrel shifter: one factor e^(-2^k) per set bit of the remainder
        if ((remainder & 1 << 24) != 0) {
            r = (r * 1672461947L + ROUND) >> 31;    // e^-0.25
        }
        if ((remainder & 1 << 25) != 0) {
            r = (r * 1302514674L + ROUND) >> 31;    // e^-0.5
        }
        if ((remainder & 1 << 26) != 0) {
            r = (r * 790015084L + ROUND) >> 31;     // e^-1
        }
        if ((remainder & 1 << 27) != 0) {
            r = (r * 290630308L + ROUND) >> 31;     // e^-2
        }
        if ((remainder & 1 << 28) != 0) {
            r = (r * 39332535L + ROUND) >> 31;      // e^-4
        }
        if ((remainder & 1 << 29) != 0) {
            r = (r * 720401L + ROUND) >> 31;        // e^-8
        }
        if ((remainder & 1 << 30) != 0) {
            r = (r * 242L + ROUND) >> 31;           // e^-16
        }
        return (int) r;
    }

    /**
     * 1/(1+u) for Q0.31 {@code u} in [0, 1), as Q0.31: three Newton-Raphson steps on {@code (1+u)/2}.
     * {@code oneOverOnePlusX(0)} is {@code 2^31-1}.
     *
     * @param q0_31 u as Q0.31, in [0, 2^31)
     * @return 1/(1+u) for Q0.31 {@code u} in [0, 1), as Q0.31: three Newton-Raphson steps on {@code (1+u)/2}
     */
    public static int oneOverOnePlusX(int q0_31) {
        // rounding half-sum of u and "1.0" (2^31-1): (u + 2^31 - 1 + 1) / 2, non-negative, so a plain shift
        long halfDenominator = ((long) q0_31 + Integer.MAX_VALUE + 1L) >> 1;
        // The SRDHMs and saturating shifts are written out (softmax calls this once per row, and under an
        // interpreter the calls cost more than the arithmetic), with their saturation kept wherever it can occur:
        // halfDenominator is in [0, 2^31) so an SRDHM with it as an operand never saturates.
        int z = NEWTON_A + (int) ((halfDenominator * NEWTON_B + ROUND) >> 31);                  // Q2.29
        for (int i = 0; i < 3; i++) {
            int g = (int) ((halfDenominator * z + ROUND) >> 31);                                // Q2.29
            int d = ONE_Q2_29 - g;
            int correction = z == Integer.MIN_VALUE && d == Integer.MIN_VALUE ? Integer.MAX_VALUE
                    : (int) (((long) z * d + ROUND) >> 31);                                      // Q4.27
            long shifted = (long) correction << 2;
            z += shifted > Integer.MAX_VALUE ? Integer.MAX_VALUE
                    : (shifted < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) shifted);
        }
        long doubled = (long) z << 1;
        return doubled > Integer.MAX_VALUE ? Integer.MAX_VALUE
                : (doubled < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) doubled);
    }
}

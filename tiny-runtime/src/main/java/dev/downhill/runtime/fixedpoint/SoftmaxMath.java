package dev.downhill.runtime.fixedpoint;

/**
 * The two fixed-point approximations inside int8 softmax, step for step as gemmlowp (the header TFLM pins)
 * computes them; see {@code docs/int8-arithmetic.md} §7.3 and §7.4. They are deliberately not the most
 * accurate exp or reciprocal: only this exact polynomial, these Newton steps and these intermediate roundings
 * reproduce TFLM's bits.
 *
 * <p>Notation: {@code Qm.n} is an int32 raw value {@code v} meaning {@code v / 2^n}, {@code n = 31 - m}.
 */
public final class SoftmaxMath {

    /* IMPLEMENTATION NOTES
     * The constants are literals in the code rather than a static table: the embedded contract forbids static
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

    private SoftmaxMath() {
    }

    /**
     * exp(a) for a non-positive Q5.26 value {@code a}, as Q0.31 ({@code exp(0)} gives {@code 2^31-1}).
     * Behaviour for positive {@code a} is unspecified (softmax only passes {@code x - max <= 0}).
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
     */
    public static int oneOverOnePlusX(int q0_31) {
        // rounding half-sum of u and "1.0" (2^31-1): (u + 2^31 - 1 + 1) / 2, non-negative, so a plain shift
        int halfDenominator = (int) (((long) q0_31 + Integer.MAX_VALUE + 1L) >> 1);
        int z = NEWTON_A + FixedPoint.saturatingRoundingDoublingHighMul(halfDenominator, NEWTON_B);   // Q2.29
        for (int i = 0; i < 3; i++) {
            int g = FixedPoint.saturatingRoundingDoublingHighMul(halfDenominator, z);                 // Q2.29
            int correction = FixedPoint.saturatingRoundingDoublingHighMul(z, ONE_Q2_29 - g);          // Q4.27
            z = z + FixedPoint.saturatingLeftShift(correction, 2);
        }
        return FixedPoint.saturatingLeftShift(z, 1);
    }
}

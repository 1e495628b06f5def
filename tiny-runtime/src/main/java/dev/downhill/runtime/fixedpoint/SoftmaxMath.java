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
    private static final int EXP_MINUS_ONE_EIGHTH = 1895147668;
    /** round(2^31 / 3). */
    private static final int ONE_THIRD = 715827883;
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
        if (q5_26 == 0) {
            return Integer.MAX_VALUE;
        }
        int t = (q5_26 & (ONE_QUARTER_Q5_26 - 1)) - ONE_QUARTER_Q5_26;   // in [-1/4, 0)
        int remainder = t - q5_26;                                        // non-negative multiple of 1/4
        int r = expOnInterval(FixedPoint.saturatingLeftShift(t, 5));
        r = applyBarrelStep(r, remainder, 24, 1672461947);   // e^-0.25
        r = applyBarrelStep(r, remainder, 25, 1302514674);   // e^-0.5
        r = applyBarrelStep(r, remainder, 26, 790015084);    // e^-1
        r = applyBarrelStep(r, remainder, 27, 290630308);    // e^-2
        r = applyBarrelStep(r, remainder, 28, 39332535);     // e^-4
        r = applyBarrelStep(r, remainder, 29, 720401);       // e^-8
        r = applyBarrelStep(r, remainder, 30, 242);          // e^-16
        return r;
    }

    private static int applyBarrelStep(int r, int remainder, int bit, int multiplier) {
        return (remainder & (1 << bit)) != 0 ? FixedPoint.saturatingRoundingDoublingHighMul(r, multiplier) : r;
    }

    /** exp(x) for Q0.31 {@code x} in [-1/4, 0): Taylor polynomial of degree 4 around -1/8. */
    private static int expOnInterval(int x) {
        int y = x + (1 << 28);
        int y2 = FixedPoint.saturatingRoundingDoublingHighMul(y, y);
        int y3 = FixedPoint.saturatingRoundingDoublingHighMul(y2, y);
        int y4 = FixedPoint.saturatingRoundingDoublingHighMul(y2, y2);
        int y4Over4 = FixedPoint.roundingDivideByPowerOfTwo(y4, 2);
        int p = FixedPoint.roundingDivideByPowerOfTwo(
                FixedPoint.saturatingRoundingDoublingHighMul(y4Over4 + y3, ONE_THIRD) + y2, 1);
        return EXP_MINUS_ONE_EIGHTH + FixedPoint.saturatingRoundingDoublingHighMul(EXP_MINUS_ONE_EIGHTH, y + p);
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

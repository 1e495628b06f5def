package dev.downhill.runtime.kernels;

/**
 * One configured int8-input SOFTMAX along a row, bit-exact with TFLM's reference kernel (docs/int8-arithmetic.md §7):
 * its load-time constants (TFLM's {@code SoftmaxParams}) and the kernel that reads them. int8 output has scale 1/256
 * and zero point -128; the int16 variant has scale 1/65536 and zero point -32768. Input and output may be the same
 * array region (the whole row is read before anything is written). Allocates nothing: the caller lends
 * {@link #depth()} ints of scratch.
 *
 * <p>The constants are the row length and the input scaling {@code beta · S_in · 2^26 ≈ M · 2^(leftShift - 31)}
 * that turns input differences into Q5.26. {@code diffMin} is derived here exactly as TFLM's
 * {@code CalculateInputRadius(5, leftShift, 31)}: {@code -floor(31 · 2^26 / 2^leftShift)}.
 *
 * <p>Valid ranges (checked by {@code Model.load}; the constructor trusts its caller and checks nothing):
 * {@code 1 <= depth <= MAX_DEPTH}; multiplier in [2^30, 2^31-1]; leftShift in [0, 31].
 */
public final class Softmax {

    /* IMPLEMENTATION NOTES
     * Three passes per row, as TFLM: max; exp of every difference in Q0.31 and their sum in Q12.19; output.
     * TFLM recomputes exp in the third pass to stay free of scratch memory; here each exp is computed once into
     * the caller's scratch (the interpreter's arena holds it), which halves the kernel's work. The bits are the
     * same: the third pass reads exactly the value TFLM recomputes. An element below diffMin stores exp 0, which
     * adds 0 to the sum and outputs the minimum, as TFLM's skipped elements do.
     *
     * The gemmlowp helpers are written out inline (their operands here never reach the one saturating case of
     * SRDHM, and RDBPOT sees only non-negative values, so its threshold is constant): under an interpreter such
     * as -Xint a static call costs as much as a dozen arithmetic bytecodes. Where a rounding divide (RDBPOT) of a
     * non-negative value follows a rounding high multiply (SRDHM), the two are one long shift: for x >= 0,
     * RDBPOT(x, n) = floor((x + 2^(n-1)) / 2^n), and nested floors of divisions by powers of two are one floor, so
     * RDBPOT(SRDHM(a, b), n) = (a·b + 2^30 + 2^(30+n)) >> (31 + n). Same bits, fewer bytecodes per element. SoftmaxTest checks this kernel
     * against a direct transcription of TFLM's loop over FixedPoint and the two approximations below.
     */

    /**
     * Longest row. It keeps the Q12.19 sum of exponentials below 2^28, so the final int8 shift
     * {@code bitsOverUnit + 23} never exceeds 31 (TFLM requires it) and the int32 sum cannot overflow.
     */
    public static final int MAX_DEPTH = 511;

    private static final int ACCUMULATION_INTEGER_BITS = 12;

    private final int depth;
    private final int inputMultiplier;
    private final int inputLeftShift;
    private final int diffMin;

    /**
     * A SOFTMAX layer's row length and input scaling, validated.
     *
     * @param depth           row length (softmax runs along the last dimension)
     * @param inputMultiplier M of QuantizeMultiplier(min(beta · S_in · 2^26, 2^31 - 1))
     * @param inputLeftShift  its (non-negative) shift
     */
    public Softmax(int depth, int inputMultiplier, int inputLeftShift) {
        this.depth = depth;
        this.inputMultiplier = inputMultiplier;
        this.inputLeftShift = inputLeftShift;
        this.diffMin = (int) -((31L << 26) >> inputLeftShift);
    }

    /** {@return row length} */
    public int depth() {
        return depth;
    }

    /** {@return input scaling multiplier M} */
    public int inputMultiplier() {
        return inputMultiplier;
    }

    /** {@return input scaling left shift} */
    public int inputLeftShift() {
        return inputLeftShift;
    }

    /** {@return the most negative {@code x - max(row)} that still contributes; smaller differences output the minimum} */
    public int diffMin() {
        return diffMin;
    }

    /**
     * One row of {@link #depth()} int8 inputs to int8 probabilities (scale 1/256, zero point -128).
     *
     * @param input holds the int8 logits
     * @param inputOffset where they start in {@code input}
     * @param output receives the probabilities
     * @param outputOffset where they go in {@code output}
     * @param scratch {@link #depth()} ints from {@code scratchOffset}, overwritten
     * @param scratchOffset where the working space starts in {@code scratch}
     */
    public void eval(byte[] input, int inputOffset, byte[] output, int outputOffset, int[] scratch, int scratchOffset) {
        probabilities(input, inputOffset, output, null, outputOffset, scratch, scratchOffset, 8);
    }

    /**
     * One row of {@link #depth()} int8 inputs to int16 probabilities (scale 1/65536, zero point -32768).
     *
     * @param input holds the int8 logits
     * @param inputOffset where they start in {@code input}
     * @param output receives the probabilities
     * @param outputOffset where they go in {@code output}
     * @param scratch {@link #depth()} ints from {@code scratchOffset}, overwritten
     * @param scratchOffset where the working space starts in {@code scratch}
     */
    public void evalInt16(byte[] input, int inputOffset, short[] output, int outputOffset, int[] scratch,
                          int scratchOffset) {
        probabilities(input, inputOffset, null, output, outputOffset, scratch, scratchOffset, 16);
    }

    /**
     * Writes each element's probability in units of 2^-bits, minus the zero point 2^(bits-1), clamped to the top
     * of the output type, into {@code output8} unless it is null, else into {@code output16}.
     */
    private void probabilities(byte[] input, int inputOffset, byte[] output8, short[] output16, int outputOffset,
                               int[] scratch, int scratchOffset, int bits) {
        final int depth = this.depth;
        final int end = inputOffset + depth;
        int max = -128;
        for (int i = inputOffset; i < end; i++) {
            if (input[i] > max) {
                max = input[i];
            }
        }
        // exp(beta · S_in · diff) in Q0.31; diff · 2^leftShift fits in int32 because diff >= diffMin
        final int diffMin = this.diffMin;
        final int leftShift = inputLeftShift;
        final long multiplier = inputMultiplier;
        int sum = 0;
        for (int i = 0, s = scratchOffset; i < depth; i++, s++) {
            int diff = input[inputOffset + i] - max;
            int e = 0;
            if (diff >= diffMin) {
                e = expOnNegativeValues((int) (((diff << leftShift) * multiplier + (1L << 30)) >> 31));
                sum += e + (1 << ACCUMULATION_INTEGER_BITS - 1) >>> ACCUMULATION_INTEGER_BITS;   // RDBPOT, e >= 0
            }
            scratch[s] = e;
        }
        // sum >= 2^19 (the maximum's own term), in Q12.19; 1/sum as Q0.31 of the sum normalised to [1, 2)
        int headroom = Integer.numberOfLeadingZeros(sum);
        long recip = oneOverOnePlusX((sum << headroom) - Integer.MIN_VALUE);
        // RDBPOT(SRDHM(recip, e), exponent) as one long shift (both operands >= 0, exponent >= 15): the two
        // roundings' halves add up, 2^30 + 2^(30 + exponent), before the single shift by 31 + exponent
        int total = ACCUMULATION_INTEGER_BITS - headroom + 62 - bits;
        long rounding = (1L << 30) + (1L << total - 1);
        int zeroPoint = 1 << bits - 1;
        int top = zeroPoint - 1;                            // probability 1.0 saturates to 127 (int8), 32767 (int16)
        for (int s = scratchOffset, o = outputOffset, last = scratchOffset + depth; s < last; s++, o++) {
            int v = (int) (recip * scratch[s] + rounding >> total) - zeroPoint;
            v = v > top ? top : v;
            if (output8 != null) {
                output8[o] = (byte) v;
            } else {
                output16[o] = (short) v;
            }
        }
    }

    // ---- the two fixed-point approximations inside int8 softmax (docs/int8-arithmetic.md §7.3, §7.4) ----
    // Step for step as gemmlowp (the header TFLM pins) computes them. They are deliberately not the most accurate
    // exp or reciprocal: only this exact polynomial, these Newton steps and these intermediate roundings reproduce
    // TFLM's bits. Notation: Qm.n is an int32 raw value v meaning v / 2^n, n = 31 - m.

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
        // RDBPOT(SRDHM(y2, y2), 2): y2² >= 0, so the two roundings' halves add up before one shift by 33
        long y4Over4 = (y2 * y2 + (ROUND + (1L << 32))) >> 33;
        // RDBPOT(SRDHM(y4Over4 + y3, 1/3) + y2, 1) the same way (the sum is >= 0 for every t: checked over all 2^24)
        long poly = ((y4Over4 + y3) * ONE_THIRD + (y2 << 31) + (ROUND + (1L << 31))) >> 32;
        long r = EXP_MINUS_ONE_EIGHTH + ((EXP_MINUS_ONE_EIGHTH * (y + poly) + ROUND) >> 31);
        // the barrel shifter: one factor e^(-2^k) per set bit of the remainder (in quarters)
        int quarters = remainder >> 24;
        if ((quarters & 1) != 0) {
            r = (r * 1672461947L + ROUND) >> 31;    // e^-0.25
        }
        if ((quarters & 2) != 0) {
            r = (r * 1302514674L + ROUND) >> 31;    // e^-0.5
        }
        if ((quarters & 4) != 0) {
            r = (r * 790015084L + ROUND) >> 31;     // e^-1
        }
        if ((quarters & 8) != 0) {
            r = (r * 290630308L + ROUND) >> 31;     // e^-2
        }
        if ((quarters & 16) != 0) {
            r = (r * 39332535L + ROUND) >> 31;      // e^-4
        }
        if ((quarters & 32) != 0) {
            r = (r * 720401L + ROUND) >> 31;        // e^-8
        }
        if ((quarters & 64) != 0) {
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

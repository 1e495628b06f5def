package dev.downhill.runtime.fixedpoint;

/**
 * The integer primitives of TFLite's int8 requantisation, reproducing TensorFlow Lite Micro's
 * <b>default double-rounding path</b> ({@code TFLITE_SINGLE_ROUNDING} unset): a saturating rounding
 * doubling high multiply (ties toward +infinity) followed by a rounding divide by a power of two (ties away
 * from zero). The two other roundings TFLite builds use sit beside it, because a model is bit-exact only with
 * the build whose rounding it names: single rounding ({@code TFLITE_SINGLE_ROUNDING}, the TFLite 2.6.2
 * interpreter) and double rounding whose second rounding's ties go up (the TFLite 2.9.0 interpreter).
 *
 * <p>Proof of bit-exactness: the worked examples of {@code docs/int8-arithmetic.md} (FixedPointTest) and the
 * TFLM kernel goldens in {@code conformance-tests} ({@code TflmFullyConnectedCasesTest},
 * {@code TflmSoftmaxCasesTest}, which read {@code golden/tflm/*_cases.json} captured from TFLM commit
 * {@code 90b983c2}).
 *
 * <p>All methods are pure, allocation-free and total over their documented argument ranges.
 *
 * <p>The two fixed-point approximations inside int8 softmax (exp on negative values, 1/(1+x)) live in
 * {@link dev.downhill.runtime.kernels.Softmax}, their only user.
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
     * MBQM as TFLite builds it with {@code TFLITE_SINGLE_ROUNDING} (and as the TFLite 2.6.2 interpreter computes it, measured):
     * {@code (x · M + 2^(30-shift)) >> (31-shift)} in 64 bits, one rounding (half up), no left shift of {@code x}
     * first. The result is cast to int, as TFLite's release builds do when it does not fit.
     *
     * @param x the operand
     * @param multiplier 0 or in [2^30, 2^31-1]
     * @param shift      -31..30
     * @return {@code x · M · 2^(shift-31)}, rounded once to the nearest int, halves up
     */
    public static int multiplyByQuantizedMultiplierSingleRounding(int x, int multiplier, int shift) {
        int total = 31 - shift;
        return (int) (((long) x * multiplier + (1L << (total - 1))) >> total);
    }

    /**
     * MBQM with its second rounding's ties going up instead of away from zero, as the TFLite 2.9.0 interpreter
     * computes it (measured): {@code floor((SRDHM(x · 2^left, M) + 2^(r-1)) / 2^r)}.
     *
     * @param x the operand
     * @param multiplier 0 or in [2^30, 2^31-1]
     * @param shift      -31..30
     * @return {@code x · M · 2^(shift-31)}, rounded twice, the second time halves up
     */
    public static int multiplyByQuantizedMultiplierHalfUp(int x, int multiplier, int shift) {
        int left = shift > 0 ? shift : 0;
        int right = shift > 0 ? 0 : -shift;
        long high = saturatingRoundingDoublingHighMul(x << left, multiplier);
        return right == 0 ? (int) high : (int) ((high + (1L << (right - 1))) >> right);
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
}

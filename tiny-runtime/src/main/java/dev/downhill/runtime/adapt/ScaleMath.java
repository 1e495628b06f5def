package dev.downhill.runtime.adapt;

/**
 * Positive real numbers without floating point, for set-up arithmetic on the model's scales: a value is a
 * packed {@code long} holding a multiplier {@code M} in [2^30, 2^31) (high int) and an exponent {@code shift}
 * (low int), meaning {@code M · 2^(shift − 31)}, the same form as TFLM's quantised multipliers.
 *
 * <p>The model stores its scales as IEEE-754 float32 bit patterns; {@link #fromFloatBits} decodes them with
 * integer operations only, exactly (a float32 significand has 24 bits, M has 31). Products and reciprocals
 * round once to 31 bits, a relative error below 2^-30, far below anything adaptation can notice.
 */
final class ScaleMath {

    private static final long ONE_Q30 = 1L << 30;

    private ScaleMath() {
    }

    /** Packs {@code M} and {@code shift}. */
    static long pack(int multiplier, int shift) {
        return ((long) multiplier << 32) | (shift & 0xFFFFFFFFL);
    }

    static int multiplier(long value) {
        return (int) (value >> 32);
    }

    static int shift(long value) {
        return (int) value;
    }

    /** 2^e. */
    static long powerOfTwo(int e) {
        return pack(1 << 30, e + 1);
    }

    /**
     * The value of a positive, normal float32 bit pattern.
     *
     * @throws IllegalArgumentException for zero, negative, subnormal, infinite or NaN scales
     */
    static long fromFloatBits(int bits, String what) {
        int exponent = (bits >>> 23) & 0xFF;
        if (bits <= 0 || exponent == 0 || exponent == 0xFF) {
            throw new IllegalArgumentException(new StringBuilder(what).append(" is not a positive normal float32")
                    .append(" (bits 0x").append(Integer.toHexString(bits)).append(')').toString());
        }
        int significand = (bits & 0x7FFFFF) | 0x800000;
        // value = significand · 2^(exponent − 150) = (significand · 2^7) · 2^((exponent − 126) − 31)
        return pack(significand << 7, exponent - 126);
    }

    /** The positive Q8.24 value {@code q} (q > 0) as a packed value. */
    static long fromQ24(int q) {
        return normalize(q, 7);
    }

    /** The positive integer {@code n} as a packed value. */
    static long fromInt(int n) {
        return normalize(n, 31);
    }

    /** a · b. */
    static long multiply(long a, long b) {
        long product = (long) multiplier(a) * multiplier(b);            // in [2^60, 2^62)
        int shift = shift(a) + shift(b);
        long m = (product + ONE_Q30) >> 31;                              // in [2^29, 2^31]
        return normalize(m, shift);
    }

    /** 1 / a. */
    static long reciprocal(long a) {
        long m = ((1L << 61) + multiplier(a) / 2) / multiplier(a);      // in (2^30, 2^31]
        return normalize(m, 1 - shift(a));
    }

    /** a / b. */
    static long divide(long a, long b) {
        return multiply(a, reciprocal(b));
    }

    private static long normalize(long m, int shift) {
        while (m >= (1L << 31)) {
            m = (m + 1) >> 1;
            shift++;
        }
        while (m < ONE_Q30) {
            m <<= 1;
            shift--;
        }
        return pack((int) m, shift);
    }

    /**
     * {@code round(x · value)} (ties toward +infinity), saturated to the int range. Allocation-free.
     *
     * <p>When |x| needs more than 31 bits, its low bits are dropped first (floor) so that the product fits in
     * 64 bits: the relative error stays below 2^-31, and the result is still a pure function of the inputs.
     */
    static int apply(long x, long value) {
        int s = 31 - shift(value);                                       // result = x · M / 2^s
        int bits = 64 - Long.numberOfLeadingZeros(x < 0 ? ~x : x);       // magnitude bits, sign excluded
        if (bits > 31) {
            x >>= bits - 31;
            s -= bits - 31;
        }
        return round(x * multiplier(value), s);                          // |x · M| < 2^62: rounding cannot overflow
    }

    /**
     * {@link #apply} for an int {@code x} and the value's parts: the same result for every input (an int needs at
     * most 31 magnitude bits, so apply's pre-shift never happens), without packing and without counting bits. The
     * backward pass and the input stage call it per channel and per feature.
     */
    static int applyInt(int x, int multiplier, int shift) {
        return round((long) x * multiplier, 31 - shift);                // |x · M| < 2^62
    }

    /** {@code p / 2^s} rounded, ties toward +infinity (a left shift for {@code s <= 0}), saturated to int. */
    private static int round(long p, int s) {
        if (s <= 0) {
            int up = -s;
            if (p == 0) {
                return 0;
            }
            if (up >= 32 || p > (Integer.MAX_VALUE >> up) || p < (Integer.MIN_VALUE >> up)) {
                return p > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            }
            return (int) (p << up);
        }
        if (s >= 63) {
            return 0;
        }
        return saturate((p + (1L << (s - 1))) >> s);
    }

    static int saturate(long v) {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v);
    }
}

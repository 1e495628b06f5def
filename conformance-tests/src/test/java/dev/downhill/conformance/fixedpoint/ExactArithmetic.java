package dev.downhill.conformance.fixedpoint;

import java.math.BigInteger;

/**
 * The fixed-point primitives of int8 arithmetic, computed exactly in {@link BigInteger} from their
 * definitions in {@code int8-arithmetic.md} (§3, §7): the true rational value first, then the one
 * rounding rule the spec names. Deliberately written differently from the runtime (no masks, no
 * 64-bit tricks) so the two cannot share a mistake.
 */
final class ExactArithmetic {

    static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger TWO = BigInteger.TWO;

    private ExactArithmetic() {}

    /** floor(n / 2^k) for any sign of n. */
    static BigInteger floorDivPow2(BigInteger n, int k) {
        BigInteger d = TWO.pow(k);
        BigInteger[] qr = n.divideAndRemainder(d); // truncates toward zero
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** n / 2^k rounded to nearest, ties toward +infinity: floor(n / 2^k + 1/2). */
    static BigInteger roundHalfUp(BigInteger n, int k) {
        return k == 0 ? n : floorDivPow2(n.add(TWO.pow(k - 1)), k);
    }

    /** n / 2^k rounded to nearest, ties away from zero: sign(n) * floor((|n| + 2^(k-1)) / 2^k). */
    static BigInteger roundHalfAway(BigInteger n, int k) {
        if (k == 0) {
            return n;
        }
        BigInteger magnitude = floorDivPow2(n.abs().add(TWO.pow(k - 1)), k);
        return n.signum() < 0 ? magnitude.negate() : magnitude;
    }

    static BigInteger clamp(BigInteger v, BigInteger lo, BigInteger hi) {
        return v.max(lo).min(hi);
    }

    /** §3.1: a·b/2^31 rounded, ties toward +infinity; the one overflowing case saturates. */
    static int srdhm(int a, int b) {
        BigInteger exact = roundHalfUp(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), 31);
        return clamp(exact, INT_MIN, INT_MAX).intValueExact();
    }

    /** §3.2: x/2^n rounded, ties away from zero. */
    static int rdbpot(int x, int n) {
        return roundHalfAway(BigInteger.valueOf(x), n).intValueExact();
    }

    /** §3.3: TFLM's default double rounding; x·2^left wraps as int32. */
    static int mbqm(int x, int multiplier, int shift) {
        int left = Math.max(shift, 0);
        int right = Math.max(-shift, 0);
        int shifted = BigInteger.valueOf(x).shiftLeft(left).intValue(); // low 32 bits: int32 wrap-around
        return rdbpot(srdhm(shifted, multiplier), right);
    }

    /** TFLite 2.9.0's interpreter: SRDHM as in {@link #mbqm}, then x/2^r rounded with ties toward +infinity. */
    static int mbqmHalfUp(int x, int multiplier, int shift) {
        int left = Math.max(shift, 0);
        int right = Math.max(-shift, 0);
        int shifted = BigInteger.valueOf(x).shiftLeft(left).intValue(); // low 32 bits: int32 wrap-around
        return roundHalfUp(BigInteger.valueOf(srdhm(shifted, multiplier)), right).intValueExact();
    }

    /** The single rounding of the exact product x·M·2^(shift-31), ties toward +infinity (not what TFLM does). */
    static BigInteger singleRounding(int x, int multiplier, int shift) {
        BigInteger p = BigInteger.valueOf(x).multiply(BigInteger.valueOf(multiplier));
        return shift >= 31 ? p.shiftLeft(shift - 31) : roundHalfUp(p, 31 - shift);
    }

    /** §7: clamp(x·2^k) to int32. */
    static int saturatingLeftShift(int x, int k) {
        return clamp(BigInteger.valueOf(x).shiftLeft(k), INT_MIN, INT_MAX).intValueExact();
    }

    static int saturateToInt8(int x) {
        return clamp(BigInteger.valueOf(x), BigInteger.valueOf(-128), BigInteger.valueOf(127)).intValueExact();
    }
}

package dev.downhill.runtime.adapt;

/**
 * Base-2 logarithm of a positive integer in Q15.16, by repeated squaring of the normalised mantissa (one bit of
 * the fraction per squaring). Used for the cross-entropy loss of the guard, {@code -log2(p)}, where only
 * comparisons matter, so 16 fraction bits are plenty. Exact to the last bit kept (truncation); allocation-free.
 */
final class FixedPointLog {

    private FixedPointLog() {
    }

    /** {@code floor(log2(n) · 2^16)}, for {@code n >= 1}. */
    static int log2(int n) {
        int integer = 31 - Integer.numberOfLeadingZeros(n);
        long y = ((long) n << 30) >> integer;                            // mantissa in [1, 2) as Q30
        int fraction = 0;
        for (int bit = 15; bit >= 0; bit--) {
            y = (y * y) >> 30;                                           // square: mantissa in [1, 4)
            if (y >= (2L << 30)) {
                y >>= 1;
                fraction |= 1 << bit;
            }
        }
        return (integer << 16) | fraction;
    }

    /**
     * Cross-entropy in bits of an int8 softmax probability {@code q} (scale 1/256, zero point -128):
     * {@code -log2((q + 128) / 256)} in Q15.16, with a probability of 0 counted as 1/512 (9 bits) so a single
     * sample cannot dominate a sum.
     */
    static int crossEntropyBits(int q) {
        int p = q + 128;
        return p <= 0 ? 9 << 16 : (8 << 16) - log2(p);
    }
}

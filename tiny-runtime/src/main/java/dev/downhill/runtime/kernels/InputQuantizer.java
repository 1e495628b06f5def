package dev.downhill.runtime.kernels;

/**
 * Raw integer sensor values (an int16 ADC reading, a 0..16 pixel, …) to the int8 input tensor, with feature
 * standardisation and input quantisation folded into one fixed-point affine map per feature; the formula is in
 * {@link InputQuantizerParams}. Allocates nothing.
 */
public final class InputQuantizer {

    /** Lowest raw value; smaller readings saturate to it. */
    public static final int RAW_MIN = -32768;
    /** Highest raw value; larger readings saturate to it. */
    public static final int RAW_MAX = 32767;

    private InputQuantizer() {
    }

    /**
     * Quantises {@code p.features()} raw values starting at {@code raw[rawOffset]} into {@code output}.
     *
     * @param p the operator's load-time parameters
     * @param raw holds the raw sensor integers, one per feature
     * @param rawOffset where they start in {@code raw}
     * @param output receives the int8 input tensor
     * @param outputOffset where it starts in {@code output}
     */
    public static void quantize(InputQuantizerParams p, int[] raw, int rawOffset, byte[] output, int outputOffset) {
        for (int f = 0; f < p.features; f++) {
            output[outputOffset + f] = (byte) quantizeOne(p, f, raw[rawOffset + f]);
        }
    }

    /**
     * The int8 value (as an int) of feature {@code f} for one raw reading.
     *
     * @param p the operator's load-time parameters
     * @param f a feature index, 0 to {@code features() - 1}
     * @param raw holds the raw sensor integers, one per feature
     * @return the int8 value (as an int) of feature {@code f} for one raw reading
     */
    public static int quantizeOne(InputQuantizerParams p, int f, int raw) {
        int clamped = raw < RAW_MIN ? RAW_MIN : (raw > RAW_MAX ? RAW_MAX : raw);
        int v = (clamped << p.preShift) - p.offsets[f];
        int shift = p.shifts[f * p.stride];
        // RDBPOT(SRDHM(SatShl(v, left), M), right), written out as FixedPoint's three steps (FixedPoint is not
        // part of what a device holds for inference). SRDHM cannot saturate: a valid M is 0 or >= 2^30.
        long shifted = (long) v << (shift > 0 ? shift : 0);
        long saturated = shifted > Integer.MAX_VALUE ? Integer.MAX_VALUE
                : (shifted < Integer.MIN_VALUE ? Integer.MIN_VALUE : shifted);
        int high = (int) ((saturated * p.multipliers[f * p.stride] + (1L << 30)) >> 31);
        int right = shift > 0 ? 0 : -shift;
        int mask = (1 << right) - 1;
        // RDBPOT's threshold is half, plus one for a negative value (high >>> 31)
        int scaled = (high >> right) + ((high & mask) > (mask >> 1) + (high >>> 31) ? 1 : 0);
        // scaled + zeroPoint cannot overflow: |scaled| <= 2^31 - 1 only when it saturated, then clamp decides
        long q = (long) scaled + p.zeroPoint;
        return q < -128 ? -128 : (q > 127 ? 127 : (int) q);
    }
}

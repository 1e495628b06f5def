package dev.downhill.runtime.kernels;

/**
 * The configured input stage: its load-time constants, per-feature (or one shared) affine maps from raw sensor
 * integers (an int16 ADC reading, a 0..16 pixel, …) to the int8 input tensor, and the kernel that applies them
 * ({@link #quantize}, allocation-free). For feature {@code f}:
 * <pre>
 *   v    = clamp(raw[f], -32768, 32767) · 2^preShift − offset[f]
 *   q[f] = clamp(zeroPoint + RDBPOT(SRDHM(SatShl(v, max(shift,0)), M), max(−shift,0)), −128, 127)
 * </pre>
 * ({@code M}, {@code shift} are {@code multipliers[f]}, {@code shifts[f]}, or entry 0 when shared).
 *
 * <p>How the host folds standardisation into it: for {@code q = Z + ((x − mean_f)/std_f)/S_in}, pick
 * {@code preShift = k} (sub-unit precision for the mean: {@code offset_f = round(mean_f · 2^k)}), and
 * {@code (M_f, shift_f) = QuantizeMultiplier(1 / (std_f · S_in · 2^k))}. Unlike TFLM's MBQM the left shift
 * saturates instead of wrapping, so a large gain on an outlier clamps to the int8 range rather than folding over.
 *
 * <p>The arrays are referenced, not copied: a caller (the adaptation code) may update them in place between
 * invocations. Offsets always have one entry per feature; multipliers and shifts have 1 or {@code features}.
 *
 * <p>Valid ranges (checked by {@code Model.load}; the constructor trusts its caller and checks nothing): {@code features >= 1}; preShift in [0, 15]; zero point in
 * [-128, 127]; offsets in [-2^30, 2^30]; multipliers 0 or in [2^30, 2^31-1]; shifts in [-31, 30].
 * Together they keep {@code v} inside int32 for every raw value.
 */
public final class InputQuantizer {

    /** Lowest raw value; smaller readings saturate to it. */
    public static final int RAW_MIN = -32768;
    /** Highest raw value; larger readings saturate to it. */
    public static final int RAW_MAX = 32767;

    /** Largest pre-shift: {@code 32767 · 2^15 < 2^30}, so {@code v} cannot overflow. */
    public static final int MAX_PRE_SHIFT = 15;
    /** Largest |offset|. */
    public static final int MAX_ABS_OFFSET = 1 << 30;

    final int features;
    final int preShift;
    final int zeroPoint;
    final int[] offsets;
    final int[] multipliers;
    final int[] shifts;
    final int stride;

    /**
     * An input stage from its per-feature constants, validated.
     *
     * @param preShift the pre-shift k, in [0, {@link #MAX_PRE_SHIFT}]
     * @param zeroPoint the int8 input tensor's zero point
     * @param offsets     one per feature, in units of {@code 2^-preShift} raw units
     * @param multipliers 1 (shared) or one per feature
     * @param shifts      same length as {@code multipliers}
     */
    public InputQuantizer(int preShift, int zeroPoint, int[] offsets, int[] multipliers, int[] shifts) {
        int n = offsets.length;
        this.features = n;
        this.preShift = preShift;
        this.zeroPoint = zeroPoint;
        this.offsets = offsets;
        this.multipliers = multipliers;
        this.shifts = shifts;
        this.stride = multipliers.length == 1 ? 0 : 1;
    }

    /** {@return number of features (= the int8 input tensor's length)} */
    public int features() {
        return features;
    }

    /** {@return k: raw values are multiplied by 2^k before the offset is subtracted} */
    public int preShift() {
        return preShift;
    }

    /** {@return the int8 input tensor's zero point} */
    public int zeroPoint() {
        return zeroPoint;
    }

    /** {@return whether multipliers and shifts are per feature (else one shared pair)} */
    public boolean isPerFeature() {
        return stride == 1;
    }

    /**
     * Offset of feature {@code f}.
     *
     * @param f a feature index, 0 to {@code features() - 1}
     * @return offset of feature {@code f}
     */
    public int offset(int f) {
        return offsets[f];
    }

    /**
     * Multiplier used for feature {@code f}.
     *
     * @param f a feature index, 0 to {@code features() - 1}
     * @return multiplier used for feature {@code f}
     */
    public int multiplier(int f) {
        return multipliers[f * stride];
    }

    /**
     * Shift used for feature {@code f}.
     *
     * @param f a feature index, 0 to {@code features() - 1}
     * @return shift used for feature {@code f}
     */
    public int shift(int f) {
        return shifts[f * stride];
    }

    /**
     * Quantises {@link #features()} raw values starting at {@code raw[rawOffset]} into {@code output}.
     *
     * @param raw holds the raw sensor integers, one per feature
     * @param rawOffset where they start in {@code raw}
     * @param output receives the int8 input tensor
     * @param outputOffset where it starts in {@code output}
     */
    public void quantize(int[] raw, int rawOffset, byte[] output, int outputOffset) {
        for (int f = 0; f < features; f++) {
            output[outputOffset + f] = (byte) quantizeOne(f, raw[rawOffset + f]);
        }
    }

    /**
     * The int8 value (as an int) of feature {@code f} for one raw reading.
     *
     * @param f a feature index, 0 to {@code features() - 1}
     * @param raw the raw sensor integer
     * @return the int8 value (as an int) of feature {@code f} for one raw reading
     */
    public int quantizeOne(int f, int raw) {
        int clamped = raw < RAW_MIN ? RAW_MIN
                : (raw > RAW_MAX ? RAW_MAX : raw);
        int v = (clamped << preShift) - offsets[f];
        int shift = shifts[f * stride];
        // RDBPOT(SRDHM(SatShl(v, left), M), right), written out as FixedPoint's three steps (FixedPoint is not
        // part of what a device holds for inference). SRDHM cannot saturate: a valid M is 0 or >= 2^30.
        long shifted = (long) v << (shift > 0 ? shift : 0);
        long saturated = shifted > Integer.MAX_VALUE ? Integer.MAX_VALUE
                : (shifted < Integer.MIN_VALUE ? Integer.MIN_VALUE : shifted);
        int high = (int) ((saturated * multipliers[f * stride] + (1L << 30)) >> 31);
        int right = shift > 0 ? 0 : -shift;
        int mask = (1 << right) - 1;
        // RDBPOT's threshold is half, plus one for a negative value (high >>> 31)
        int scaled = (high >> right) + ((high & mask) > (mask >> 1) + (high >>> 31) ? 1 : 0);
        // scaled + zeroPoint cannot overflow: |scaled| <= 2^31 - 1 only when it saturated, then clamp decides
        long q = (long) scaled + zeroPoint;
        return q < -128 ? -128 : (q > 127 ? 127 : (int) q);
    }
}

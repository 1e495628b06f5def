package dev.downhill.trainer.quantize;

/**
 * The runtime's input stage with the float model's feature standardisation folded in, so a device
 * feeds raw integer readings and gets the int8 input tensor (tiny-runtime
 * {@code kernels.InputQuantizer}). For feature {@code f} the runtime computes
 * <pre>
 *   v    = clamp(raw, −32768, 32767) · 2^preShift − offsets[f]
 *   q[f] = clamp(zeroPoint + MBQM(v, multipliers[f], shifts[f]), −128, 127)
 * </pre>
 * which approximates {@code zeroPoint + round(((raw − mean_f) / std_f) / S_in)}.
 *
 * @param preShift fractional bits of the offsets (precision of the folded mean)
 * @param zeroPoint the input tensor's zero point
 * @param offsets {@code round_away(mean_f · 2^preShift)} per feature
 * @param multipliers fixed-point multiplier per feature
 * @param shifts shift per feature
 */
public record InputStage(int preShift, int zeroPoint, int[] offsets, int[] multipliers, int[] shifts) {

    /**
     * The pre-shift used: the most sub-unit precision the runtime allows (2^-15 of a raw unit for
     * the mean). {@code 32767 · 2^15 + 2^30 < 2^31}, so {@code v} stays in int32 for every raw
     * reading and any mean inside the int16 range.
     */
    public static final int PRE_SHIFT = 15;

    /** Raw readings the runtime accepts (it saturates to this range). */
    public static final int RAW_MIN = -32768;
    public static final int RAW_MAX = 32767;

    /**
     * Folds {@code z = (raw − mean) / std} and the input quantisation into one map per feature.
     *
     * @param means per-feature means of the raw training data (within the int16 range)
     * @param deviations per-feature deviations used by the float model (&gt; 0)
     * @param input the int8 input tensor's quantisation
     */
    public static InputStage fold(double[] means, double[] deviations, TensorQuantization input) {
        int n = means.length;
        if (n == 0 || deviations.length != n) {
            throw new IllegalArgumentException("need one mean and one deviation per feature");
        }
        int[] offsets = new int[n];
        int[] multipliers = new int[n];
        int[] shifts = new int[n];
        for (int f = 0; f < n; f++) {
            if (!(means[f] >= RAW_MIN && means[f] <= RAW_MAX)) {
                throw new IllegalArgumentException("mean of feature " + f + " (" + means[f]
                        + ") is outside the int16 raw range of the input stage");
            }
            if (!(deviations[f] > 0) || !Double.isFinite(deviations[f])) {
                throw new IllegalArgumentException("deviation of feature " + f + " must be > 0, got " + deviations[f]);
            }
            offsets[f] = (int) QuantizedMultiplier.roundHalfAway(Math.scalb(means[f], PRE_SHIFT));
            double real = 1.0 / (deviations[f] * input.scale() * Math.scalb(1.0, PRE_SHIFT));
            QuantizedMultiplier m = QuantizedMultiplier.fromReal(real);
            if (m.shift() > 30) {
                throw new IllegalArgumentException("feature " + f + " needs a gain of " + real * Math.scalb(1.0, PRE_SHIFT)
                        + " int8 steps per raw unit, beyond the input stage's range");
            }
            multipliers[f] = m.multiplier();
            shifts[f] = m.shift();
        }
        return new InputStage(PRE_SHIFT, input.zeroPoint(), offsets, multipliers, shifts);
    }

    /** Number of features. */
    public int features() {
        return offsets.length;
    }
}

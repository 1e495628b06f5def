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
 * <p>{@code raw} is a reading in the feature's {@link RawUnits raw unit} {@code 10^-d_f} of the CSV's unit. The
 * unit is folded in with the standardisation: in raw units the mean is {@code mean_f · 10^d_f} and the deviation
 * {@code std_f · 10^d_f}, so the stage does the same arithmetic as for integer data, on readings that are
 * integers. With every unit 1 the constants are exactly those of integer data.
 *
 * @param preShift fractional bits of the offsets (precision of the folded mean)
 * @param zeroPoint the input tensor's zero point
 * @param offsets {@code round_away(mean_f · 2^preShift)} per feature
 * @param multipliers fixed-point multiplier per feature
 * @param shifts shift per feature
 * @param units the unit each feature's readings are in
 */
public record InputStage(int preShift, int zeroPoint, int[] offsets, int[] multipliers, int[] shifts, RawUnits units) {

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
     * Folds {@code z = (raw − mean) / std} and the input quantisation into one map per feature, for readings in
     * the CSV's own units (every unit 1).
     *
     * @param means per-feature means of the raw training data (within the int16 range)
     * @param deviations per-feature deviations used by the float model (&gt; 0)
     * @param input the int8 input tensor's quantisation
     */
    public static InputStage fold(double[] means, double[] deviations, TensorQuantization input) {
        return fold(means, deviations, input, RawUnits.ones(means.length == 0 ? 1 : means.length));
    }

    /**
     * Folds the standardisation, the raw units and the input quantisation into one map per feature.
     *
     * @param means per-feature means of the training data in the CSV's units (in raw units, within the int16
     *     range)
     * @param deviations per-feature deviations used by the float model, in the CSV's units (&gt; 0)
     * @param input the int8 input tensor's quantisation
     * @param units the unit of each feature's readings
     */
    public static InputStage fold(double[] means, double[] deviations, TensorQuantization input, RawUnits units) {
        int n = means.length;
        if (n == 0 || deviations.length != n) {
            throw new IllegalArgumentException("need one mean and one deviation per feature");
        }
        if (units.features() != n) {
            throw new IllegalArgumentException(units.features() + " raw units for " + n + " features");
        }
        int[] offsets = new int[n];
        int[] multipliers = new int[n];
        int[] shifts = new int[n];
        for (int f = 0; f < n; f++) {
            // Units of 1 leave the values as they are: integer data keep the constants they always had.
            double mean = units.inRawUnits(f, means[f]);
            double deviation = units.inRawUnits(f, deviations[f]);
            if (!(mean >= RAW_MIN && mean <= RAW_MAX)) {
                throw new IllegalArgumentException("mean of feature " + f + " (" + mean + (units.decimals(f) == 0 ? ""
                        : " in units of " + units.unit(f)) + ") is outside the int16 raw range of the input stage");
            }
            if (!(deviations[f] > 0) || !Double.isFinite(deviations[f])) {
                throw new IllegalArgumentException("deviation of feature " + f + " must be > 0, got " + deviations[f]);
            }
            offsets[f] = (int) QuantizedMultiplier.roundHalfAway(Math.scalb(mean, PRE_SHIFT));
            double real = 1.0 / (deviation * input.scale() * Math.scalb(1.0, PRE_SHIFT));
            QuantizedMultiplier m = QuantizedMultiplier.fromReal(real);
            if (m.shift() > 30) {
                throw new IllegalArgumentException("feature " + f + " needs a gain of " + real * Math.scalb(1.0, PRE_SHIFT)
                        + " int8 steps per raw unit, beyond the input stage's range");
            }
            multipliers[f] = m.multiplier();
            shifts[f] = m.shift();
        }
        return new InputStage(PRE_SHIFT, input.zeroPoint(), offsets, multipliers, shifts, units);
    }

    /** Number of features. */
    public int features() {
        return offsets.length;
    }
}

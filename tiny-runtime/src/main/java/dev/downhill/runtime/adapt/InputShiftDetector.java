package dev.downhill.runtime.adapt;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.kernels.InputQuantizer;

/**
 * Guard (d)'s sensor: whether the inputs have clearly moved away from where the factory data sat. A sensor drift
 * moves the input distribution; random or poisoned labels do not. Guard (b) takes a drift's confident mistakes for
 * label noise, so while this detector says "moved", (b) stands down (docs/adaptation.md, Guards).
 *
 * <p>The statistic is the sum over features of {@code q − zeroPoint}, where {@code q} is the int8 input the
 * <em>factory</em> input stage makes of the raw reading (rounded once instead of twice, see {@link #observe}): the per-sample mean of the standardised input, in int8 steps,
 * times the number of features. The factory stage standardises each feature about its training mean
 * ({@code x = μ} lands on the zero point), so over the factory data the statistic averages to zero: the baseline
 * needs no number from the host. The factory stage, not the adapted one, because recalibration moves the adapted
 * tensor: under random labels that would feed back into the detector. Its exponential moving average
 * (α = 1/32, kept as 32 times the average) must leave {@code ±threshold} for the detector to say "moved".
 *
 * <p>The threshold is given in standardised units (the input tensor's real units, Q8.24) and converted here, once,
 * to the statistic's units with the model's input scale: {@code round(32 · features · threshold / S_in)}. The scale
 * is decoded from its float32 bits with integers ({@link ScaleMath}), so the device needs no float and the host's
 * float reference, which uses this class, takes the same decisions bit for bit.
 *
 * <p>Integer arithmetic only, no allocation, 8 bytes of state (the average and the threshold beside the stage
 * reference). Only for a model with an input stage: a bare int8 input tensor's zero point says nothing about where
 * the data sat.
 */
public final class InputShiftDetector {

    /**
     * log2 of the average's reach: α = 1/32, so a step change is half seen after 22 samples. Measured
     * (docs/adaptation.md, Guards): with 1/16 clean breast-cancer inputs wandered to 0.68 of the threshold, with 1/32
     * to 0.46, while every drift there still crossed it; digits recovery 87.0% (1/32) and 88.9% (1/16).
     */
    static final int AVERAGE_BITS = 5;

    private final InputQuantizer factory;
    private final int threshold;                  // in units of the average: 32 · features · int8 steps
    private int average;                          // 32 · the moving average of the statistic

    /**
     * A detector for {@code model}'s factory input stage.
     *
     * @param model        a model with an input stage
     * @param thresholdQ24 how far the average of the per-sample mean standardised input must move to count, in the
     *                     input tensor's real units, Q8.24 (> 0)
     * @throws IllegalArgumentException if the model has no input stage, the threshold is not positive, or the model's
     *                                  input scale is not a positive normal float32
     */
    public InputShiftDetector(Model model, int thresholdQ24) {
        if (!model.hasInputStage()) {
            throw new IllegalArgumentException("the input shift detector needs a model with an input stage");
        }
        if (thresholdQ24 <= 0) {
            throw new IllegalArgumentException("input shift threshold must be > 0 (Q8.24), got " + thresholdQ24);
        }
        this.factory = model.inputStage();
        long steps = ScaleMath.divide(ScaleMath.fromQ24(thresholdQ24),
                ScaleMath.fromFloatBits(ModelFields.inputScaleBits(model), "model input scale"));
        // |statistic| <= 255 · features and the average stays within 32 times that: an int holds it below 263,000
        // features (far beyond a microcontroller's models); a threshold beyond the int range saturates, and an
        // average that cannot pass it never fires, as it should.
        this.threshold = ScaleMath.apply((long) factory.features() << AVERAGE_BITS, steps);
    }

    /**
     * Takes one raw reading into the average.
     *
     * @param raw    {@code features} raw values from {@code raw[offset]}
     * @param offset index of the first value
     * @return whether the inputs have moved (the average is beyond the threshold) after this reading
     */
    public boolean observe(int[] raw, int offset) {
        // Each feature's int8 value as the factory stage makes it, but with one rounding instead of its SRDHM
        // then RDBPOT (they part only at ties): about a third of quantizeOne's cost, which matters because this
        // runs on every step. Clamped to int8 as the stage clamps, so one wild feature weighs what it would there.
        InputQuantizer stage = factory;
        int zero = stage.zeroPoint();
        int pre = stage.preShift();
        int features = stage.features();
        int sum = 0;
        for (int f = 0; f < features; f++) {
            int x = raw[offset + f];
            x = x < InputQuantizer.RAW_MIN ? InputQuantizer.RAW_MIN : (x > InputQuantizer.RAW_MAX ? InputQuantizer.RAW_MAX : x);
            long v = ((long) x << pre) - stage.offset(f);                 // |v| < 2^31, |v · M| < 2^62
            int total = 31 - stage.shift(f);                               // 1..62
            long q = ((v * stage.multiplier(f) + (1L << (total - 1))) >> total) + zero;
            sum += (q < -128 ? -128 : (q > 127 ? 127 : (int) q)) - zero;
        }
        average += sum - (average >> AVERAGE_BITS);
        return moved();
    }

    /** {@return whether the average of the per-sample mean input is beyond the threshold from the factory data's} */
    public boolean moved() {
        return average > threshold || average < -threshold;
    }

    /** {@return the threshold, in the average's units (32 · features · int8 steps)} */
    public int threshold() {
        return threshold;
    }

    /** {@return 32 times the moving average of the sum over features of q − zeroPoint} */
    public int average() {
        return average;
    }
}

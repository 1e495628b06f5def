package dev.downhill.trainer.adapt;

import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.FixedPointSchedule;
import dev.downhill.runtime.adapt.Guards;
import dev.downhill.runtime.adapt.TrainableSet;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One adaptation, described in real numbers: what {@link FloatAdaptationReference} runs in double and what
 * {@link #toAdapterConfig()} hands to the runtime's fixed-point {@code Adapter}.
 *
 * @param trainable    {@code TrainableSet} flags
 * @param rate         initial learning rate
 * @param schedule     {@code FixedPointSchedule.CONSTANT}, {@code STEP} or {@code INVERSE_TIME}
 * @param period       inverse-time T, or step-decay period
 * @param decay        step-decay factor (ignored otherwise)
 * @param momentum     0 for plain SGD
 * @param clip         largest |gradient| per parameter, 0 = off
 * @param batch        samples per update
 * @param guards       {@code Guards} flags
 * @param confident    guard (b): confident at probability >= confident/256
 * @param window       guard (c) window
 * @param minAgreements guard (c) minimum agreements in a full window
 * @param ring         loss-check / replay ring size
 * @param replay       replayed ring samples per new sample
 * @param gainRate     multiplier of the rate for the input gains
 * @param shiftRate    multiplier of the rate for the input shifts
 * @param biasRate     multiplier of the rate for biases and last-layer weights
 * @param anchor       pull toward the factory parameters per step, relative to the rate (0 = off)
 * @param loss         {@code AdapterConfig.LOSS_CROSS_ENTROPY} for a classifier (softmax last),
 *                     {@code LOSS_MSE} for a regression model (fully connected last; guards do not apply)
 * @param shiftThreshold guard (d): how far the average per-sample mean input must move (input tensor's real units)
 */
public record AdaptationRecipe(int trainable, double rate, int schedule, int period, double decay, double momentum,
                               double clip, int batch, int guards, int confident, int window, int minAgreements,
                               int ring, int replay, double gainRate, double shiftRate, double biasRate,
                               double anchor, int loss, double shiftThreshold) {

    /** The runtime's defaults, as {@code new AdapterConfig()} has them. */
    public static AdaptationRecipe defaults() {
        AdapterConfig d = new AdapterConfig();
        return new AdaptationRecipe(TrainableSet.DEFAULT, AdapterConfig.DEFAULT_RATE / (double) FixedPointSchedule.ONE,
                FixedPointSchedule.INVERSE_TIME, AdapterConfig.DEFAULT_HALF_LIFE, 1, 0,
                AdapterConfig.DEFAULT_CLIP / 65536.0, 1, d.guards(), 243, 32, 4,
                8, 0, AdapterConfig.DEFAULT_GAIN_RATE / (double) FixedPointSchedule.ONE, 1, 1,
                AdapterConfig.DEFAULT_ANCHOR / (double) FixedPointSchedule.ONE, AdapterConfig.LOSS_CROSS_ENTROPY,
                AdapterConfig.DEFAULT_INPUT_SHIFT_THRESHOLD / (double) FixedPointSchedule.ONE);
    }

    public AdaptationRecipe withTrainable(int set) {
        return new AdaptationRecipe(set, rate, schedule, period, decay, momentum, clip, batch, guards, confident,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, anchor, loss, shiftThreshold);
    }

    public AdaptationRecipe withRate(double r) {
        return new AdaptationRecipe(trainable, r, schedule, period, decay, momentum, clip, batch, guards, confident,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, anchor, loss, shiftThreshold);
    }

    public AdaptationRecipe withGuards(int g) {
        return new AdaptationRecipe(trainable, rate, schedule, period, decay, momentum, clip, batch, g, confident,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, anchor, loss, shiftThreshold);
    }

    public AdaptationRecipe withSchedule(int kind, int p, double factor) {
        return new AdaptationRecipe(trainable, rate, kind, p, factor, momentum, clip, batch, guards, confident,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, anchor, loss, shiftThreshold);
    }

    public AdaptationRecipe withMomentum(double m) {
        return new AdaptationRecipe(trainable, rate, schedule, period, decay, m, clip, batch, guards, confident,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, anchor, loss, shiftThreshold);
    }

    public AdaptationRecipe withMonitor(int w, int min) {
        return new AdaptationRecipe(trainable, rate, schedule, period, decay, momentum, clip, batch, guards, confident,
                w, min, ring, replay, gainRate, shiftRate, biasRate, anchor, loss, shiftThreshold);
    }

    public AdaptationRecipe withConfident(int p256) {
        return new AdaptationRecipe(trainable, rate, schedule, period, decay, momentum, clip, batch, guards, p256,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, anchor, loss, shiftThreshold);
    }

    public AdaptationRecipe withRateScales(double gain, double shift, double bias) {
        return new AdaptationRecipe(trainable, rate, schedule, period, decay, momentum, clip, batch, guards, confident,
                window, minAgreements, ring, replay, gain, shift, bias, anchor, loss, shiftThreshold);
    }

    public AdaptationRecipe withAnchor(double a) {
        return new AdaptationRecipe(trainable, rate, schedule, period, decay, momentum, clip, batch, guards, confident,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, a, loss, shiftThreshold);
    }

    public AdaptationRecipe withClip(double c) {
        return new AdaptationRecipe(trainable, rate, schedule, period, decay, momentum, c, batch, guards, confident,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, anchor, loss, shiftThreshold);
    }

    /** The same adaptation with another loss ({@code AdapterConfig.LOSS_CROSS_ENTROPY} or {@code LOSS_MSE}). */
    public AdaptationRecipe withLoss(int kind) {
        if (kind != AdapterConfig.LOSS_CROSS_ENTROPY && kind != AdapterConfig.LOSS_MSE) {
            throw new IllegalArgumentException("unknown loss kind " + kind);
        }
        return new AdaptationRecipe(trainable, rate, schedule, period, decay, momentum, clip, batch, guards, confident,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, anchor, kind, shiftThreshold);
    }

    /** The same adaptation with guard (d)'s threshold {@code t} (input tensor's real units, > 0). */
    public AdaptationRecipe withShiftThreshold(double t) {
        return new AdaptationRecipe(trainable, rate, schedule, period, decay, momentum, clip, batch, guards, confident,
                window, minAgreements, ring, replay, gainRate, shiftRate, biasRate, anchor, loss, t);
    }

    /** The learning rate at step t, in double, by the same formula as {@code FixedPointSchedule}. */
    public double rateAt(int t) {
        return switch (schedule) {
            case FixedPointSchedule.INVERSE_TIME -> rate / (1 + (double) t / period);
            case FixedPointSchedule.STEP -> rate * Math.pow(decay, t / period);
            default -> rate;
        };
    }

    /** The fixed-point configuration of the same adaptation. */
    public AdapterConfig toAdapterConfig() {
        int q24 = q(rate, 24);
        FixedPointSchedule s = switch (schedule) {
            case FixedPointSchedule.INVERSE_TIME -> FixedPointSchedule.inverseTime(q24, period);
            case FixedPointSchedule.STEP -> FixedPointSchedule.stepDecay(q24, q(decay, 24), period);
            default -> FixedPointSchedule.constant(q24);
        };
        return new AdapterConfig().trainable(trainable).schedule(s).momentum(q(momentum, 24))
                .clip(q(clip, 16)).batchSize(batch).guards(guards).confidentProbability(confident)
                .agreementMonitor(window, minAgreements).ringSize(ring).replay(replay)
                .rateScales(q(gainRate, 24), q(shiftRate, 24), q(biasRate, 24)).anchor(q(anchor, 24)).loss(loss)
                .inputShiftThreshold(q(shiftThreshold, 24));
    }

    private static int q(double v, int fraction) {
        return (int) Math.round(Math.scalb(v, fraction));
    }

    /** "input+bias, lr 0.03 inverse-time T=50, guards 6" — for logs and reports. */
    public String describe() {
        String s = switch (schedule) {
            case FixedPointSchedule.INVERSE_TIME -> "inverse-time T=" + period;
            case FixedPointSchedule.STEP -> "step x" + decay + " every " + period;
            default -> "constant";
        };
        // Rates and the anchor reach here through fixed point (0.05 comes back as 0.050000012): print 4 digits.
        return TrainableSet.name(trainable) + ", lr " + digits(rate) + " " + s
                + (momentum != 0 ? ", momentum " + digits(momentum) : "")
                + (clip != 0 ? ", clip " + digits(clip) : "") + (batch != 1 ? ", batch " + batch : "") + ", guards "
                + guardNames(guards) + (replay > 0 ? ", replay " + replay : "")
                + (gainRate != 1 || shiftRate != 1 || biasRate != 1
                        ? ", rate x" + digits(gainRate) + " gain, x" + digits(shiftRate) + " shift, x" + digits(biasRate)
                        + " bias" : "")
                + (anchor != 0 ? ", anchor " + digits(anchor) : "")
                + (loss == AdapterConfig.LOSS_MSE ? ", squared-error loss" : "");
    }

    /** {@code v} to 4 significant digits, without trailing zeros: 0.050000012 -> "0.05", 4.0 -> "4". */
    static String digits(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String guardNames(int g) {
        if (g == Guards.NONE) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        if ((g & Guards.LOSS_CHECK) != 0) {
            b.append("loss-check");
        }
        if ((g & Guards.SKIP_CONFIDENT_CONTRADICTION) != 0) {
            b.append(b.length() > 0 ? "+" : "").append("skip-contradiction");
        }
        if ((g & Guards.AGREEMENT_MONITOR) != 0) {
            b.append(b.length() > 0 ? "+" : "").append("agreement-monitor");
        }
        if ((g & Guards.INPUT_SHIFT_LIFTS_SKIP) != 0) {
            b.append(b.length() > 0 ? "+" : "").append("input-shift");
        }
        return b.toString();
    }
}

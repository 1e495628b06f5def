package dev.downhill.trainer.train;

/**
 * Stops a run whose loss has left the valley for good: a NaN or infinite mini-batch loss, or an epoch whose
 * mean loss exceeds {@code factor} times the first mini-batch's loss. Too large a learning rate is by far the
 * usual cause, so the message names the rate and suggests one ten times smaller.
 */
public final class DivergenceGuard {
    /** Losses near 0 at the start (already-fit data) must not make the limit absurdly tight. */
    private static final double MIN_REFERENCE = 0.1;

    private final double factor;
    private final double learningRate;
    private double reference = Double.NaN;

    /** @param learningRate the configured base rate, named in the message */
    public DivergenceGuard(double factor, double learningRate) {
        this.factor = factor;
        this.learningRate = learningRate;
    }

    /** Checks one mini-batch loss; the first one becomes the reference. */
    public void checkBatch(double loss, int epoch) {
        if (!Double.isFinite(loss)) {
            throw diverged(epoch, "the loss became " + (Double.isNaN(loss) ? "NaN" : "infinite"));
        }
        if (Double.isNaN(reference)) {
            reference = loss;
        }
    }

    /** Checks an epoch's mean training loss against the limit. */
    public void checkEpoch(double meanLoss, int epoch) {
        double limit = factor * Math.max(reference, MIN_REFERENCE);
        if (!Double.isFinite(meanLoss) || meanLoss > limit) {
            throw diverged(epoch, "the loss rose to " + format(meanLoss) + ", more than " + format(factor)
                    + " times its starting value " + format(reference));
        }
    }

    private DivergenceException diverged(int epoch, String what) {
        return new DivergenceException("training diverged in epoch " + epoch + ": " + what + " with learning rate "
                + format(learningRate) + "; try a smaller one, e.g. --lr " + format(learningRate / 10)
                + " (no model written)", epoch, learningRate);
    }

    /** Four significant digits, no trailing zeros, plain notation for everyday magnitudes: a rate one can paste. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.4g", v))
                .stripTrailingZeros();
        double a = Math.abs(v);
        return a == 0 || (a >= 1e-5 && a < 1e7) ? d.toPlainString() : d.toString();
    }
}

package dev.downhill.trainer.check;

import java.util.Locale;

/**
 * How much worse the int8 model's RMSE may be than the float model's, either relative ({@code 5%}: int8 RMSE
 * at most 1.05 × float RMSE) or absolute in the target's units ({@code 0.02}). Relative suits most models;
 * absolute suits a float model whose RMSE is close to zero, where any relative limit is meaningless.
 *
 * @param value the limit: a percentage when {@code relative}, target units otherwise
 * @param relative whether {@code value} is a percentage of the float RMSE
 */
public record RmseLimit(double value, boolean relative) {

    public RmseLimit {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the RMSE increase limit must be a finite number >= 0, got " + value);
        }
    }

    /**
     * Parses {@code 5%} (relative) or {@code 0.02} (absolute).
     *
     * @throws IllegalArgumentException with a one-line message if it is neither
     */
    public static RmseLimit parse(String text) {
        String t = text.trim();
        boolean relative = t.endsWith("%");
        String number = relative ? t.substring(0, t.length() - 1).trim() : t;
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an RMSE increase (e.g. 5% or 0.02)");
        }
        return new RmseLimit(v, relative);
    }

    /** The increase measured between the two RMSEs, in this limit's units (percent or target units). */
    public double increase(double floatRmse, double int8Rmse) {
        if (!relative) {
            return int8Rmse - floatRmse;
        }
        if (floatRmse == 0) {
            return int8Rmse == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return 100 * (int8Rmse / floatRmse - 1);
    }

    /** Whether the measured increase is within the limit. */
    public boolean allows(double floatRmse, double int8Rmse) {
        return increase(floatRmse, int8Rmse) <= value;
    }

    /** A measured increase in this limit's units, e.g. {@code +3.10%} or {@code +0.00412}. */
    public String formatIncrease(double increase) {
        return relative ? String.format(Locale.ROOT, "%+.2f%%", increase) : String.format(Locale.ROOT, "%+.5g", increase);
    }

    @Override
    public String toString() {
        return relative ? String.format(Locale.ROOT, "%s%%", plain(value)) : plain(value);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

package dev.downhill.trainer.data;

import java.util.Locale;

/**
 * How far apart the feature columns' value ranges are: the widest range over the narrowest (constant columns
 * left out). Global standardisation divides every column by one deviation; when one column spans 1400 units
 * and another 0.5, the narrow one reaches the network as a near-constant and a model that should classify
 * well (UCI wine, 13 chemical measurements) lands near chance. Past {@link #MIXED_UNITS_ABOVE} the columns are
 * taken to be in different units, and {@code --standardize auto} picks per-feature statistics.
 *
 * <p>Ranges, not deviations: a digits border pixel is 0 in almost every image (a tiny deviation) yet spans the
 * same 0..16 as the centre pixels when it is lit, and those columns are in one unit. On the bundled digits the
 * spread is 16 (some border columns never exceed 1), well under the threshold.
 *
 * @param ratio widest range / narrowest non-zero range; 1 when fewer than two columns vary
 */
public record ScaleSpread(double ratio, String widest, double widestRange, String narrowest, double narrowestRange) {
    /** Spreads above this mean columns in different units (or an outlier, which the description names). */
    public static final double MIXED_UNITS_ABOVE = 100;

    /** Measures the training rows of {@code data}. */
    public static ScaleSpread of(Dataset data) {
        int widest = -1;
        int narrowest = -1;
        double[] range = new double[data.featureCount()];
        for (int j = 0; j < data.featureCount(); j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < data.size(); r++) {
                double v = data.feature(r, j);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            range[j] = max - min;
            if (!(range[j] > 0)) {
                continue;
            }
            if (widest < 0 || range[j] > range[widest]) {
                widest = j;
            }
            if (narrowest < 0 || range[j] < range[narrowest]) {
                narrowest = j;
            }
        }
        if (widest < 0) {
            return new ScaleSpread(1, null, 0, null, 0);
        }
        return new ScaleSpread(range[widest] / range[narrowest], data.featureNames().get(widest), range[widest],
                data.featureNames().get(narrowest), range[narrowest]);
    }

    /** Whether the columns look like different units: per-feature standardisation is needed. */
    public boolean mixedUnits() {
        return ratio > MIXED_UNITS_ABOVE;
    }

    /** E.g. "column ranges differ by a factor of 2645 ('proline' spans 1402, 'hue' 0.53)". */
    public String describe() {
        if (widest == null) {
            return "no column varies";
        }
        return String.format(Locale.ROOT, "column ranges differ by a factor of %.4g ('%s' spans %.4g, '%s' %.4g)",
                ratio, widest, widestRange, narrowest, narrowestRange);
    }
}

package dev.downhill.trainer.data;

import java.util.Locale;

/** How {@link Standardizer} computes the shift and scale of the inputs. */
public enum StandardizationMode {
    /**
     * One mean and one deviation over every feature value. An offset added to all inputs stays an offset of
     * the same size in standard units for every feature, and the whole input maps to int8 with one affine
     * step. Right when all columns share a unit (pixels, one kind of sensor).
     */
    GLOBAL,
    /**
     * A mean and a deviation per column (floored at {@link Standardizer#floor()}). Needed when columns have
     * different units; fragile when some columns are nearly constant, since a small deviation turns a small
     * drift into a huge standardised value.
     */
    PER_FEATURE;

    /** Command-line / model.json spelling: {@code global}, {@code per-feature}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static StandardizationMode fromId(String id) {
        for (StandardizationMode m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown standardisation '" + id + "' (expected global or per-feature)");
    }
}

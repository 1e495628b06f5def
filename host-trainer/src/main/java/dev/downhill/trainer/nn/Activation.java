package dev.downhill.trainer.nn;

import java.util.Locale;

/** The activation applied after a {@link Dense} layer: ReLU on hidden layers, none (identity) on the output. */
public enum Activation {
    RELU,
    NONE;

    /** model.json spelling: {@code relu}, {@code none}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation fromId(String id) {
        for (Activation a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "' (expected relu or none)");
    }
}

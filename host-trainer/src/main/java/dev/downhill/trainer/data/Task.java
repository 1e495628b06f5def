package dev.downhill.trainer.data;

import java.util.Locale;

/** What the label column means: a class to pick (softmax cross-entropy) or a number to predict (MSE). */
public enum Task {
    CLASSIFY,
    REGRESS;

    /** The spelling used on the command line and in model.json: {@code classify} or {@code regress}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Inverse of {@link #id()}. */
    public static Task fromId(String id) {
        for (Task t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "' (expected classify or regress)");
    }
}

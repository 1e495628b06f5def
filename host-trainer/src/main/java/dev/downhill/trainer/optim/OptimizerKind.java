package dev.downhill.trainer.optim;

import java.util.Locale;

/** The optimisers the CLI offers, with a factory. */
public enum OptimizerKind {
    SGD, MOMENTUM, NESTEROV, ADAM, ADAMW;

    /** Command-line spelling, e.g. {@code adamw}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OptimizerKind fromId(String id) {
        for (OptimizerKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + id
                + "' (expected sgd, momentum, nesterov, adam or adamw)");
    }

    /**
     * A fresh optimiser of this kind.
     *
     * @param momentum    mu for momentum and nesterov (ignored otherwise)
     * @param weightDecay L2 coefficient (decoupled for adamw)
     */
    public Optimizer create(double momentum, double weightDecay) {
        return switch (this) {
            case SGD -> new Sgd(Sgd.Momentum.NONE, 0, weightDecay);
            case MOMENTUM -> new Sgd(Sgd.Momentum.STANDARD, momentum, weightDecay);
            case NESTEROV -> new Sgd(Sgd.Momentum.NESTEROV, momentum, weightDecay);
            case ADAM -> Adam.adam(weightDecay);
            case ADAMW -> Adam.adamW(weightDecay);
        };
    }
}

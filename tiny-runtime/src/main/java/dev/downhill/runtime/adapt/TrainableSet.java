package dev.downhill.runtime.adapt;

/**
 * Which parameters adaptation may change, as int flags chosen at set-up; everything else stays frozen in the
 * model's flash bytes. Combine with {@code |}.
 */
public final class TrainableSet {

    /**
     * Input recalibration: a per-feature gain {@code a} and shift {@code c} on the raw input,
     * {@code x' = a·x + c}, in front of the frozen network. The fix for sensor gain/offset drift and dead inputs.
     */
    public static final int INPUT_AFFINE = 1;
    /** Every layer's bias (TinyTL: bias gradients need only the backward signal, no stored activations). */
    public static final int BIASES = 2;
    /** The last layer's weights and bias. */
    public static final int LAST_LAYER = 4;
    /** The default recipe: input recalibration and all biases. */
    public static final int DEFAULT = INPUT_AFFINE | BIASES;

    private static final int ALL = INPUT_AFFINE | BIASES | LAST_LAYER;

    private TrainableSet() {
    }

    /**
     * Whether {@code set} is a non-empty combination of the flags above.
     *
     * @param set a combination of trainable-set flags
     * @return true if it is non-empty and every set bit is a known flag
     */
    public static boolean isValid(int set) {
        return set != 0 && (set & ~ALL) == 0;
    }

    /**
     * A readable name, e.g. "input+bias" or "last-layer"; the spelling of the CLI's {@code --trainable}.
     *
     * @param set a combination of trainable-set flags
     * @return the name, "none" for an empty set
     */
    public static String name(int set) {
        StringBuilder b = new StringBuilder();
        if ((set & INPUT_AFFINE) != 0) {
            b.append("input");
        }
        if ((set & BIASES) != 0) {
            b.append(b.length() > 0 ? "+" : "").append("bias");
        }
        if ((set & LAST_LAYER) != 0) {
            b.append(b.length() > 0 ? "+" : "").append("last-layer");
        }
        return b.length() == 0 ? "none" : b.toString();
    }
}

package dev.downhill.runtime.adapt;

/**
 * Guards against harmful updates, as int flags; each can be switched on or off in {@link AdapterConfig}.
 * {@link #DEFAULT} is chosen from the measurements in docs/adaptation.md.
 */
public final class Guards {

    /** No guard. */
    public static final int NONE = 0;
    /**
     * (a) Every step is checked on a ring buffer of earlier labelled samples and rolled back if it raises their
     * summed loss. Costs one forward pass per ring sample per step, and RAM for the ring and a parameter snapshot.
     */
    public static final int LOSS_CHECK = 1;
    /** (b) A sample whose label contradicts a highly confident prediction is skipped. Free. */
    public static final int SKIP_CONFIDENT_CONTRADICTION = 2;
    /**
     * (c) When predictions and labels agree on fewer than the configured number of the last window's samples,
     * the adapter returns to the factory parameters. Free apart from a bit per window sample.
     */
    public static final int AGREEMENT_MONITOR = 4;

    /** The default: see docs/adaptation.md for the trade-off measured on digits. */
    public static final int DEFAULT = SKIP_CONFIDENT_CONTRADICTION | AGREEMENT_MONITOR;

    private static final int ALL = LOSS_CHECK | SKIP_CONFIDENT_CONTRADICTION | AGREEMENT_MONITOR;

    private Guards() {
    }

    /**
     * Whether {@code guards} only uses the flags above.
     *
     * @param guards a combination of guard flags
     * @return true if every set bit is a known guard
     */
    public static boolean isValid(int guards) {
        return (guards & ~ALL) == 0;
    }
}

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
    /**
     * (b) A sample whose label contradicts a highly confident prediction is skipped, unless the same contradiction
     * (this predicted class, this label) has already been skipped three times in a row: a drift repeats its
     * mistakes, a wrong label rarely does. Two bytes per class.
     */
    public static final int SKIP_CONFIDENT_CONTRADICTION = 2;
    /**
     * Guard (b): identical confident contradictions of one predicted class (same label) skipped in a row before the
     * next is applied. Three, measured on digits (docs/adaptation.md, guards): with two, 200 random labels cost 6.2
     * points on fresh stream orders (target 5); with three, 4.1, and drift recovery and honest cost are unchanged.
     */
    public static final int CONTRADICTIONS_SKIPPED_BEFORE_TRUST = 3;
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

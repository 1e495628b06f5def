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
     * (this predicted class, this label) has already been skipped {@link #contradictionsSkippedBeforeTrust} times in
     * a row with no agreement on the class in between: a drift repeats its mistakes, a wrong label rarely does. Two bytes
     * per class.
     */
    public static final int SKIP_CONFIDENT_CONTRADICTION = 2;
    /**
     * Guard (b): the fewest identical confident contradictions of one predicted class (same label, no agreement on the
     * class in between) skipped in a row before the next is applied. Measured on digits (docs/adaptation.md, guards):
     * with two (and runs that agreements did not end), 200 random labels cost 6.2 points on fresh stream orders
     * (target 5); with three, 4.1.
     */
    public static final int CONTRADICTIONS_SKIPPED_BEFORE_TRUST = 3;

    /**
     * Guard (b)'s run for a model with {@code classes} classes: at least {@link #CONTRADICTIONS_SKIPPED_BEFORE_TRUST},
     * and long enough that random labels, which continue a run with probability 1/classes per prediction of the
     * class, reach it with probability at most about 1/1000 (classes^run >= 1000): 3 for 10 classes, 10 for 2.
     *
     * @param classes the model's output classes (>= 1)
     * @return the number of identical contradictions in a row that are skipped
     */
    public static int contradictionsSkippedBeforeTrust(int classes) {
        int run = 0;
        long chance = 1;                                            // classes^run
        // 63: the longest run ContradictionMemory holds
        while (run < CONTRADICTIONS_SKIPPED_BEFORE_TRUST || (chance < 1000 && run < 63)) {
            chance *= classes;
            run++;
        }
        return run;
    }

    /**
     * (c) When predictions and labels agree on fewer than the configured number of the last window's samples,
     * the adapter returns to the factory parameters. Free apart from a bit per window sample.
     */
    public static final int AGREEMENT_MONITOR = 4;

    /**
     * (d) Guard (b) stands down while the inputs have clearly moved from where the factory data sat (an
     * {@link InputShiftDetector} on the factory input stage's int8 output; {@link AdapterConfig#inputShiftThreshold}):
     * a sensor drift moves the inputs and makes the model confidently wrong, random labels leave the inputs where they
     * were. Only with (b) and a model with an input stage; 8 bytes of scalar state.
     */
    public static final int INPUT_SHIFT_LIFTS_SKIP = 8;

    /** The default: see docs/adaptation.md for the trade-off measured on digits. */
    public static final int DEFAULT = SKIP_CONFIDENT_CONTRADICTION | AGREEMENT_MONITOR | INPUT_SHIFT_LIFTS_SKIP;

    private static final int ALL = LOSS_CHECK | SKIP_CONFIDENT_CONTRADICTION | AGREEMENT_MONITOR
            | INPUT_SHIFT_LIFTS_SKIP;

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

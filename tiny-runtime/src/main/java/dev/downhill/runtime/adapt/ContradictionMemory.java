package dev.downhill.runtime.adapt;

/**
 * Guard (b)'s memory: for each predicted class, the label of its latest confident contradiction and how many came
 * in a row with that same label, a run that an agreement on the class (the label confirms the prediction) ends. A
 * drift that makes the model confidently wrong repeats the same mistake; a random wrong label continues a run with
 * probability 1/classes per prediction of the class (it must contradict, with that same label). So a run of
 * {@link Guards#contradictionsSkippedBeforeTrust} identical contradictions is skipped, and the ones after it teach.
 * Two bytes per class.
 */
final class ContradictionMemory {

    private static final int LABEL_BITS = 9;                    // label + 1 <= 512 (Softmax.MAX_DEPTH + 1)
    private static final int LABEL_MASK = (1 << LABEL_BITS) - 1;

    /** Per predicted class: (label + 1) | (run << LABEL_BITS); 0 = no run. */
    private final short[] latest;
    private final int runToTrust;

    ContradictionMemory(int classes) {
        this.latest = new short[classes];
        this.runToTrust = Guards.contradictionsSkippedBeforeTrust(classes);
    }

    static long requiredBytes(int classes) {
        return 2L * classes;
    }

    long memoryBytes() {
        return 2L * latest.length;
    }

    /** The label confirmed a prediction of {@code predicted}: a run of contradictions of that class ends. */
    void agreed(int predicted) {
        latest[predicted] = 0;
    }

    /**
     * Records a confident contradiction (the model predicted {@code predicted}, the label says {@code label}).
     *
     * @return true to skip the sample, false once the same contradiction has been skipped the run's length in a row
     */
    boolean skip(int predicted, int label) {
        int entry = latest[predicted];
        int run = (entry & LABEL_MASK) == label + 1 ? (entry >>> LABEL_BITS) + 1 : 0;
        if (run > runToTrust) {
            run = runToTrust;                                       // saturates: every further one is applied too
        }
        latest[predicted] = (short) ((label + 1) | (run << LABEL_BITS));
        return run < runToTrust;
    }
}

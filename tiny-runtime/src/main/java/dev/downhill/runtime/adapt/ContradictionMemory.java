package dev.downhill.runtime.adapt;

/**
 * Guard (b)'s memory: for each predicted class, the label of its latest confident contradiction and how many came
 * in a row with that same label. A random wrong label rarely repeats (one chance in classes − 1), so the guard keeps
 * skipping it; a drift that makes the model confidently wrong repeats the same mistake, and once
 * {@link Guards#CONTRADICTIONS_SKIPPED_BEFORE_TRUST} identical contradictions in a row have been skipped the guard
 * lets the next ones teach. Two bytes per class.
 */
final class ContradictionMemory {

    private static final int SKIPPED_BEFORE_TRUST = Guards.CONTRADICTIONS_SKIPPED_BEFORE_TRUST;
    private static final int LABEL_BITS = 10;                   // label + 1 <= 512 (Softmax.MAX_DEPTH + 1)
    private static final int LABEL_MASK = (1 << LABEL_BITS) - 1;

    /** Per predicted class: (label + 1) | (repeats << LABEL_BITS); 0 = no contradiction yet. */
    private final short[] latest;

    ContradictionMemory(int classes) {
        this.latest = new short[classes];
    }

    static long requiredBytes(int classes) {
        return 2L * classes;
    }

    long memoryBytes() {
        return 2L * latest.length;
    }

    /**
     * Records a confident contradiction (the model predicted {@code predicted}, the label says {@code label}).
     *
     * @return true to skip the sample, false when the same contradiction has already been skipped
     *         {@link Guards#CONTRADICTIONS_SKIPPED_BEFORE_TRUST} times in a row
     */
    boolean skip(int predicted, int label) {
        int entry = latest[predicted];
        int repeats = (entry & LABEL_MASK) == label + 1 ? (entry >>> LABEL_BITS) + 1 : 0;
        if (repeats > SKIPPED_BEFORE_TRUST) {
            repeats = SKIPPED_BEFORE_TRUST;                         // saturates: every further one is applied too
        }
        latest[predicted] = (short) ((label + 1) | (repeats << LABEL_BITS));
        return repeats < SKIPPED_BEFORE_TRUST;
    }
}

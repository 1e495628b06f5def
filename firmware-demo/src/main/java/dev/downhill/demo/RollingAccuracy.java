package dev.downhill.demo;

/**
 * Accuracy over the last {@code window} predictions, kept as a ring of hit/miss flags and a running count
 * of hits, so {@link #permille()} is one division and {@link #record(boolean)} is O(1) and allocation-free.
 * Before the window is full, the accuracy is over the predictions seen so far.
 */
public final class RollingAccuracy {

    private final boolean[] hits;
    private int next;
    private int size;
    private int correct;

    /** @param window how many recent predictions count, at least 1 */
    public RollingAccuracy(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        hits = new boolean[window];
    }

    /** Records one prediction: {@code true} when it matched the label. */
    public void record(boolean hit) {
        if (size == hits.length) {
            if (hits[next]) {
                correct--;
            }
        } else {
            size++;
        }
        hits[next] = hit;
        if (hit) {
            correct++;
        }
        next++;
        if (next == hits.length) {
            next = 0;
        }
    }

    /** Accuracy in tenths of a percent (0..1000), rounded half up; 0 before the first prediction. */
    public int permille() {
        if (size == 0) {
            return 0;
        }
        return (correct * 1000 + size / 2) / size;
    }

    /** Predictions currently in the window. */
    public int size() {
        return size;
    }

    /** Hits currently in the window. */
    public int correct() {
        return correct;
    }

    /** Forgets every prediction. */
    public void clear() {
        for (int i = 0; i < hits.length; i++) {
            hits[i] = false;
        }
        next = 0;
        size = 0;
        correct = 0;
    }
}

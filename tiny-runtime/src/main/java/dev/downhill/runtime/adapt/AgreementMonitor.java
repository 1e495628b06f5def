package dev.downhill.runtime.adapt;

/**
 * Guard (c): a sliding window of "did the prediction agree with the label" bits. When the window is full and
 * holds fewer than {@code minAgreements} agreements, {@link #record} says so and starts a new window, and the
 * adapter returns to the factory parameters. One bit per window sample.
 */
final class AgreementMonitor {

    private final int[] bits;
    private final int window;
    private final int minAgreements;
    private int filled;
    private int next;
    private int agreements;

    AgreementMonitor(int window, int minAgreements) {
        this.window = window;
        this.minAgreements = minAgreements;
        this.bits = new int[(window + 31) >> 5];
    }

    static long requiredBytes(int window) {
        return 4L * ((window + 31) >> 5);
    }

    long memoryBytes() {
        return 4L * bits.length;
    }

    /** Records one sample; true when the window is full and agreement fell below the minimum (window cleared). */
    boolean record(boolean agreed) {
        int word = next >> 5;
        int mask = 1 << (next & 31);
        if (filled == window && (bits[word] & mask) != 0) {
            agreements--;
        }
        if (agreed) {
            bits[word] |= mask;
            agreements++;
        } else {
            bits[word] &= ~mask;
        }
        next = next + 1 == window ? 0 : next + 1;
        if (filled < window) {
            filled++;
        }
        if (filled == window && agreements < minAgreements) {
            clear();
            return true;
        }
        return false;
    }

    /** Agreements in the current window. */
    int agreements() {
        return agreements;
    }

    void clear() {
        for (int i = 0; i < bits.length; i++) {
            bits[i] = 0;
        }
        filled = 0;
        next = 0;
        agreements = 0;
    }
}

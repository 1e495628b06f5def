package dev.downhill.trainer.demo;

import dev.downhill.demo.RollingAccuracy;
import java.util.Arrays;

/**
 * What happened on the drifting stream, sample by sample: whether the frozen model, the adaptive
 * fixed-point model and the float adaptation reference each got it right. From this come the rolling
 * accuracy curves of {@code frozen-vs-adaptive.png} and the numbers of {@code report.md}.
 */
public final class ScenarioTrace {

    /** The three models compared on every sample. */
    public static final int FROZEN = 0;
    /** The board's adaptive copy (fixed point). */
    public static final int ADAPTIVE = 1;
    /** The float reference that takes the same adaptation steps in double precision. */
    public static final int FLOAT_REFERENCE = 2;
    private static final int MODELS = 3;

    private final int driftAt;
    private final int rebootAt;
    private boolean[][] hits = new boolean[MODELS][256];
    private int size;

    /**
     * @param driftAt index of the first drifted sample
     * @param rebootAt index of the first sample after the simulated reboot, or 0 for none
     */
    public ScenarioTrace(int driftAt, int rebootAt) {
        this.driftAt = driftAt;
        this.rebootAt = rebootAt;
    }

    /** Records one sample's outcome for the three models. */
    public void record(boolean frozen, boolean adaptive, boolean floatReference) {
        if (size == hits[0].length) {
            for (int m = 0; m < MODELS; m++) {
                hits[m] = Arrays.copyOf(hits[m], size * 2);
            }
        }
        hits[FROZEN][size] = frozen;
        hits[ADAPTIVE][size] = adaptive;
        hits[FLOAT_REFERENCE][size] = floatReference;
        size++;
    }

    /** Samples recorded. */
    public int size() {
        return size;
    }

    /** Index of the first drifted sample. */
    public int driftAt() {
        return driftAt;
    }

    /** Index of the first sample after the reboot, 0 for none. */
    public int rebootAt() {
        return rebootAt;
    }

    /** Whether {@code model} got sample {@code i} right. */
    public boolean hit(int model, int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + size);
        }
        return hits[model][i];
    }

    /**
     * The rolling accuracy of {@code model} after each sample, in percent, over the last {@code window}
     * samples (fewer at the start), computed with the board's own {@link RollingAccuracy}.
     */
    public double[] rollingPercent(int model, int window) {
        RollingAccuracy acc = new RollingAccuracy(window);
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            acc.record(hits[model][i]);
            out[i] = acc.permille() / 10.0;
        }
        return out;
    }

    /** Accuracy of {@code model} over samples {@code [from, to)}, as a fraction; NaN for an empty range. */
    public double accuracy(int model, int from, int to) {
        int a = Math.max(0, from);
        int b = Math.min(size, to);
        if (b <= a) {
            return Double.NaN;
        }
        int n = 0;
        for (int i = a; i < b; i++) {
            if (hits[model][i]) {
                n++;
            }
        }
        return (double) n / (b - a);
    }
}

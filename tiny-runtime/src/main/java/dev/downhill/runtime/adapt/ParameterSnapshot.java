package dev.downhill.runtime.adapt;

/**
 * A copy of the master arrays (and velocities) taken before a step, so the loss check (guard a) can undo it.
 * Holds references to the live arrays (any may be null) and one copy of each. Allocation-free after construction.
 */
final class ParameterSnapshot {

    private final int[][] live;
    private final int[][] copy;

    ParameterSnapshot(int[] a, int[] b, int[] c, int[] d, int[] e, int[] f, int[] g, int[] h) {
        int[][] all = {a, b, c, d, e, f, g, h};
        int n = 0;
        for (int[] x : all) {
            n += x != null ? 1 : 0;
        }
        live = new int[n][];
        copy = new int[n][];
        n = 0;
        for (int[] x : all) {
            if (x != null) {
                live[n] = x;
                copy[n] = new int[x.length];
                n++;
            }
        }
    }

    /** Payload bytes of the copies (the two small reference tables are not counted). */
    long memoryBytes() {
        long b = 0;
        for (int[] x : copy) {
            b += 4L * x.length;
        }
        return b;
    }

    void capture() {
        for (int i = 0; i < live.length; i++) {
            System.arraycopy(live[i], 0, copy[i], 0, live[i].length);
        }
    }

    void restore() {
        for (int i = 0; i < live.length; i++) {
            System.arraycopy(copy[i], 0, live[i], 0, live[i].length);
        }
    }
}

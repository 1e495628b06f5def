package dev.downhill.bench;

import java.util.Random;

/** The benchmarked network, 64-32-16-10 + softmax, and its seeded random contents. */
final class BenchModelShape {

    /** Layer widths, input first. */
    static final int[] WIDTHS = {64, 32, 16, 10};

    /** Multiply-accumulates per inference: 64·32 + 32·16 + 16·10. */
    static final int MACS = 2720;

    /** Fixed so every run benchmarks the same bytes. */
    static final long SEED = 20260101L;

    private BenchModelShape() {}

    static int macs() {
        int macs = 0;
        for (int l = 0; l + 1 < WIDTHS.length; l++) {
            macs += WIDTHS[l] * WIDTHS[l + 1];
        }
        return macs;
    }

    /** Random int8 values in [-127, 127] (symmetric, as quantised weights are). */
    static byte[] int8(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (random.nextInt(255) - 127);
        }
        return b;
    }
}

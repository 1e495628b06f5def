package dev.downhill.trainer.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class AllocationProbeTest {

    private static Object sink;

    @Test
    void aLoopThatAllocatesIsCaughtInEveryWindow() {
        AllocationProbe probe = AllocationProbe.create();
        assumeTrue(probe.supported(), "HotSpot counts allocated bytes per thread");
        AllocationProbe.Measurement m = probe.measure(n -> {
            for (int i = 0; i < n; i++) {
                sink = new byte[64];
            }
        }, 1_000);
        // 1000 arrays of at least 64 payload bytes each; the probe keeps measuring because no window is clean.
        assertThat(m.cleanestBytes()).isGreaterThanOrEqualTo(64_000);
        assertThat(m.windowBytes()).hasSize(AllocationProbe.WINDOWS);
        assertThat(m.iterations()).isEqualTo(1_000);
    }

    @Test
    void aLoopOverPrimitiveArraysAllocatesNothing() {
        AllocationProbe probe = AllocationProbe.create();
        assumeTrue(probe.supported(), "HotSpot counts allocated bytes per thread");
        int[] data = new int[256];
        int[] acc = new int[1];
        AllocationProbe.Measurement m = probe.measure(n -> {
            for (int i = 0; i < n; i++) {
                data[i & 255] += i;
                acc[0] += data[(i * 7) & 255];
            }
        }, 50_000);
        assertThat(m.cleanestBytes()).isZero();
        assertThat(m.windows()).endsWith("0");
    }
}

package dev.downhill.trainer.check;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Measures the heap bytes a loop allocates on this JVM, with the per-thread allocation counter
 * ({@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}).
 *
 * <p>Call order: {@link #create()}, then {@link #measure} once per workload. The workload runs its own
 * loop, so the JIT compiles the loop the way an application's would; the probe calls it for
 * {@link #WARM_UP_ROUNDS} warm-up rounds and then for up to {@link #WINDOWS} measured windows of the same
 * length, and reports the cleanest window.
 *
 * <pre>
 * IMPLEMENTATION NOTES
 * Why the cleanest of three windows, and not the first: a code path that allocates does so in every window,
 * while a one-off JVM event (the JIT's own tier-up or a deoptimisation, measured at ~700 bytes once in
 * conformance-tests' AllocationCounterTest and at 328 bytes once in tiny-runtime's AdapterTest) shows in one
 * window only. Three warm-up rounds of the measured loop itself, as AllocationCounterTest found necessary,
 * make such events rare; the windows make them harmless. The counter is read exactly twice around each
 * window, and everything the loop touches is allocated by the workload before the first read.
 * </pre>
 */
public final class AllocationProbe {

    /** Warm-up rounds of the measured loop before the first window. */
    public static final int WARM_UP_ROUNDS = 3;
    /** Measured windows at most; measuring stops at the first window with zero bytes. */
    public static final int WINDOWS = 3;

    /** A loop under test: runs {@code iterations} times, allocating nothing of its own outside set-up. */
    @FunctionalInterface
    public interface Workload {
        void run(int iterations);
    }

    /**
     * @param cleanestBytes the fewest bytes any window allocated (0 = allocation-free)
     * @param windowBytes every window's bytes, in order
     * @param iterations loop iterations per window
     */
    public record Measurement(long cleanestBytes, long[] windowBytes, int iterations) {

        /** {@code "0, 712, 0"}. */
        public String windows() {
            return String.join(", ", Arrays.stream(windowBytes).mapToObj(Long::toString).toList());
        }
    }

    private final com.sun.management.ThreadMXBean threads;

    private AllocationProbe(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /** A probe over this JVM's counter, switched on if the JVM has one; see {@link #supported()}. */
    public static AllocationProbe create() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            if (t.isThreadAllocatedMemoryEnabled()) {
                return new AllocationProbe(t);
            }
        }
        return new AllocationProbe(null);
    }

    /** Whether this JVM counts allocated bytes per thread (HotSpot does). */
    public boolean supported() {
        return threads != null;
    }

    /**
     * Warms {@code workload} up, then measures it.
     *
     * @throws IllegalStateException if {@link #supported()} is false
     */
    public Measurement measure(Workload workload, int iterations) {
        if (threads == null) {
            throw new IllegalStateException("this JVM has no per-thread allocation counter");
        }
        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            workload.run(iterations);
        }
        long[] windows = new long[WINDOWS];
        int measured = 0;
        long cleanest = Long.MAX_VALUE;
        while (measured < WINDOWS && cleanest != 0) {
            long before = threads.getCurrentThreadAllocatedBytes();
            workload.run(iterations);
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            windows[measured++] = bytes;
            cleanest = Math.min(cleanest, bytes);
        }
        return new Measurement(cleanest, Arrays.copyOf(windows, measured), iterations);
    }
}

package dev.downhill.conformance.embedded;

import dev.downhill.runtime.kernels.ArgMax;
import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.models.RandomMlp;
import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measured, not inferred: the JVM's per-thread allocation counter
 * ({@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}) does not move across
 * 100,000 inferences of the 64-32-16-10 + softmax model after warm-up, fed with int8 input and with raw
 * sensor integers, reading the result with argMax / topK / copyOutput.
 *
 * <pre>
 * IMPLEMENTATION NOTES
 * The counter is read exactly twice around each measured loop; everything the loop touches (inputs,
 * output buffers, the interpreter) is allocated before the first read. Two controls keep the check
 * honest: two back-to-back reads must differ by 0 (the read itself allocates nothing), and a 1 KiB
 * array allocated between two reads must show up (the counter works on this JVM). Warm-up runs
 * the measured loop itself three times (300,000 inferences): with a shorter warm-up (20,000) the
 * first measured round showed ~700 bytes, once, from the JVM's own tier-up of the loop (the next
 * rounds of the same loop were 0), which is the JIT's allocation, not the runtime's.
 * </pre>
 */
class AllocationCounterTest {

    static final int INFERENCES = 100_000;
    /** Warm-up runs of the very loop that is measured (see the implementation notes). */
    static final int WARM_UP_ROUNDS = 3;
    private static final int DISTINCT_INPUTS = 64;

    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void counter() {
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).as("allocation counter supported").isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    @Test
    void readingTheCounterAllocatesNothingAndTheCounterSeesAllocations() {
        long idle = measureNothing();
        long kib = measureOneKibibyte();
        assertThat(idle).as("bytes allocated by two back-to-back counter reads").isZero();
        assertThat(kib).as("bytes counted for a new byte[1024]").isGreaterThanOrEqualTo(1024);
    }

    @Test
    void int8InferenceAllocatesNothing() {
        Interpreter interpreter = new Interpreter(Model.load(RandomMlp.standard(7)));
        byte[] inputs = RandomMlp.inputs(7, interpreter.inputSize(), DISTINCT_INPUTS);
        byte[] output = new byte[interpreter.outputSize()];
        int[] top = new int[3];
        int[] sink = new int[1];

        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            runInt8(interpreter, inputs, output, top, sink, INFERENCES);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        runInt8(interpreter, inputs, output, top, sink, INFERENCES);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        check("int8 input", allocated, sink[0]);
    }

    @Test
    void rawSensorInferenceAllocatesNothing() {
        Interpreter interpreter = new Interpreter(Model.load(RandomMlp.standard(11)));
        int[] raw = RandomMlp.rawInputs(11, interpreter.inputSize(), DISTINCT_INPUTS);
        int[] sink = new int[1];

        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            runRaw(interpreter, raw, sink, INFERENCES);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        runRaw(interpreter, raw, sink, INFERENCES);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        check("raw sensor input", allocated, sink[0]);
    }

    private static void check(String path, long allocated, int sink) {
        System.out.println("allocation counter, " + path + ": " + allocated + " bytes over " + INFERENCES
                + " inferences (checksum " + sink + ")");
        ConformanceReport.record("allocated bytes over " + INFERENCES + " inferences, " + path, allocated, "== 0",
                allocated == 0);
        assertThat(allocated).as("bytes allocated by %d inferences (%s)", INFERENCES, path).isZero();
    }

    private static void runInt8(Interpreter interpreter, byte[] inputs, byte[] output, int[] top, int[] sink, int n) {
        int size = interpreter.inputSize();
        int acc = sink[0];
        for (int i = 0; i < n; i++) {
            interpreter.setInput(inputs, (i % DISTINCT_INPUTS) * size);
            interpreter.invoke();
            interpreter.copyOutput(output, 0);
            ArgMax.topK(interpreter.activations(), interpreter.outputOffset(), interpreter.outputSize(), top, 0, top.length);
            acc = 31 * acc + interpreter.argMax() + top[2] + output[i % output.length];
        }
        sink[0] = acc;
    }

    private static void runRaw(Interpreter interpreter, int[] raw, int[] sink, int n) {
        int size = interpreter.inputSize();
        int acc = sink[0];
        for (int i = 0; i < n; i++) {
            interpreter.invoke(raw, (i % DISTINCT_INPUTS) * size);
            acc = 31 * acc + interpreter.argMax() + interpreter.output(i % interpreter.outputSize());
        }
        sink[0] = acc;
    }

    private static long measureNothing() {
        long before = threads.getCurrentThreadAllocatedBytes();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private static byte[] keep;

    private static long measureOneKibibyte() {
        long before = threads.getCurrentThreadAllocatedBytes();
        keep = new byte[1024];
        long after = threads.getCurrentThreadAllocatedBytes();
        return after - before;
    }
}

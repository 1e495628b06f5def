package dev.downhill.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor for {@link InferenceBench}: the same 2,720 int8 multiply-accumulates (weights row-major
 * {@code [out][in]} in one byte[], layer after layer, int8 input vectors, int32 accumulators) with
 * nothing else: no requantisation, activation, softmax or bookkeeping. The runtime's ns/MAC over
 * this one's says what the rest of an inference costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class DotProductBaselineBench {

    private byte[] weights;
    private byte[][] inputs;

    @Setup
    public void setUp() {
        Random random = new Random(BenchModelShape.SEED);
        int[] widths = BenchModelShape.WIDTHS;
        weights = BenchModelShape.int8(random, BenchModelShape.macs());
        inputs = new byte[widths.length - 1][];
        for (int l = 0; l + 1 < widths.length; l++) {
            inputs[l] = BenchModelShape.int8(random, widths[l]);
        }
    }

    /** Sum of every row's accumulator, returned so the JIT cannot drop the loops. */
    int dotProducts() {
        int[] widths = BenchModelShape.WIDTHS;
        byte[] w = weights;
        int wi = 0;
        int sink = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            byte[] x = inputs[l];
            int depth = widths[l];
            for (int c = 0; c < widths[l + 1]; c++) {
                int acc = 0;
                for (int d = 0; d < depth; d++) {
                    acc += w[wi++] * x[d];
                }
                sink += acc;
            }
        }
        return sink;
    }

    @Benchmark
    public int jit() {
        return dotProducts();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Xint")
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 10, time = 1)
    public int interpreted() {
        return dotProducts();
    }
}

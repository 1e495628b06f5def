package dev.downhill.bench;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
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
 * One whole inference of the 64-32-16-10 + softmax model (2,720 MACs): copy an int8 input into the
 * arena, {@code invoke()}, {@code argMax()}. Inputs rotate through 16 seeded vectors so branch
 * predictors cannot learn one. Score: ns/inference; {@code bench/runtime-bench.sh} divides by the MACs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class InferenceBench {

    /** Input vectors the benchmarks rotate through (a power of two). */
    static final int INPUTS = 16;

    private Interpreter interpreter;
    private byte[] inputs;
    private int next;

    @Setup
    public void setUp() {
        interpreter = new Interpreter(Model.load(BenchModels.standard()));
        inputs = BenchModelShape.int8(new Random(BenchModelShape.SEED + 1), INPUTS * interpreter.inputSize());
    }

    int infer() {
        interpreter.setInput(inputs, next * BenchModelShape.WIDTHS[0]);
        next = (next + 1) & (INPUTS - 1);
        interpreter.invoke();
        return interpreter.argMax();
    }

    @Benchmark
    public int jit() {
        return infer();
    }

    @Benchmark
    @Fork(value = 3, jvmArgsAppend = "-Xint")   // see RuntimeBenchReport: one -Xint JVM's speed is luck of the draw
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 4, time = 1)
    public int interpreted() {
        return infer();
    }
}

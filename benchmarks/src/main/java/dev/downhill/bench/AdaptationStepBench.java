package dev.downhill.bench;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.Guards;
import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * One adaptation step of the default recipe (input recalibration + all biases, default guards) on the
 * 64-32-16-10 + softmax model with a raw input stage, against one inference of the same model from the same raw
 * input ({@code invoke(raw)} + {@code argMax()}). Target (issue 5): step <= 2x inference with the JIT; -Xint is
 * reported too. Raw inputs (0..16, like digits pixels) and labels rotate through 16 seeded samples.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AdaptationStepBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdaptationStepBench {

    private static final int SAMPLES = 16;

    private Interpreter inference;
    private Interpreter adapting;
    private Adapter adapter;
    private Adapter unguarded;
    private int[] raw;
    private int[] labels;
    private int samples;
    private int next;

    @Setup
    public void setUp() {
        Random r = new Random(BenchModelShape.SEED + 2);
        int[] sampleRaw = new int[SAMPLES * 64];
        int[] sampleLabels = new int[SAMPLES];
        for (int i = 0; i < sampleRaw.length; i++) {
            sampleRaw[i] = r.nextInt(17);
        }
        for (int i = 0; i < SAMPLES; i++) {
            sampleLabels[i] = r.nextInt(10);
        }
        bind(modelWithInputStage(), sampleRaw, sampleLabels);
    }

    /**
     * The issue's own setting instead of the synthetic one: the digits fixture model of the conformance tests
     * (64-32-16-10, per-channel, raw input stage) and its held-out stream rows under the target's drift, gain 0.8
     * and offset +1, clipped to the pixels' 0..16. Trained weights and real digits make the backward pass's share
     * of active channels the one a device sees.
     *
     * @param golden the directory holding {@code adaptation-trace-model.dhm} and {@code adaptation-digits-test.csv}
     *               (conformance-tests/src/test/resources/golden/downhill)
     */
    void setUpDigits(Path golden) throws IOException {
        byte[] blob = Files.readAllBytes(golden.resolve("adaptation-trace-model.dhm"));
        List<String> lines = Files.readAllLines(golden.resolve("adaptation-digits-test.csv"));
        int rows = lines.size() - 1;
        int[] sampleRaw = new int[rows * 64];
        int[] sampleLabels = new int[rows];
        for (int i = 0; i < rows; i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int f = 0; f < 64; f++) {
                long drifted = Math.round(0.8 * Integer.parseInt(cells[f]) + 1);
                sampleRaw[i * 64 + f] = (int) Math.max(0, Math.min(16, drifted));
            }
            sampleLabels[i] = Integer.parseInt(cells[64]);
        }
        bind(blob, sampleRaw, sampleLabels);
    }

    private void bind(byte[] blob, int[] sampleRaw, int[] sampleLabels) {
        Model model = Model.load(blob);
        inference = new Interpreter(model);
        adapting = new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS);
        adapter = new Adapter(adapting, new AdapterConfig());
        unguarded = new Adapter(new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS),
                new AdapterConfig().guards(Guards.NONE));
        raw = sampleRaw;
        labels = sampleLabels;
        samples = sampleLabels.length;
        next = 0;
    }

    private int advance() {
        int i = next;
        next = i + 1 == samples ? 0 : i + 1;
        return i;
    }

    /** The benchmark model of {@link BenchModels}, with a per-feature raw input stage in front. */
    static byte[] modelWithInputStage() {
        Random random = new Random(BenchModelShape.SEED);
        int scaleBits = Float.floatToRawIntBits(1f / 256);
        int[] offsets = new int[64];
        int[] multipliers = new int[64];
        int[] shifts = new int[64];
        for (int f = 0; f < 64; f++) {
            offsets[f] = (4 + random.nextInt(8)) << 15;
            multipliers[f] = (1 << 30) + random.nextInt(1 << 29);
            shifts[f] = -11;                                            // ~16 int8 steps per raw unit
        }
        ModelBuilder builder = new ModelBuilder().input(-3, scaleBits).inputStage(15, offsets, multipliers, shifts);
        int[] widths = BenchModelShape.WIDTHS;
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            int[] bias = new int[out];
            for (int c = 0; c < out; c++) {
                bias[c] = random.nextInt(20001) - 10000;
            }
            boolean hidden = l + 2 < widths.length;
            builder.fullyConnected(in, out).weights(BenchModelShape.int8(random, in * out)).bias(bias)
                    .perTensor((1 << 30) + random.nextInt(1 << 30), -(7 + Integer.numberOfTrailingZeros(in) / 2),
                            scaleBits)
                    .output(hidden ? -128 : 0, scaleBits)
                    .activation(hidden ? Activation.RELU : Activation.NONE, -128, 127)
                    .add();
        }
        return builder.softmax(1 << 30, 23, Float.floatToRawIntBits(1f)).build();
    }

    int infer() {
        int at = advance() * 64;
        inference.invoke(raw, at);
        return inference.argMax();
    }

    int step(Adapter a) {
        int i = advance();
        return a.step(raw, i * 64, labels[i]);
    }

    /**
     * The device's usual flow: classify a sample, then learn from its label. The step reuses the classification's
     * forward pass (see {@link Adapter}), so this minus {@link #inferenceJit} is what learning adds.
     */
    int classifyThenLearn() {
        int i = advance();
        adapting.invoke(raw, i * 64);
        int predicted = adapting.argMax();
        return predicted + adapter.step(raw, i * 64, labels[i]);
    }

    @Benchmark
    public int classifyThenLearnJit() {
        return classifyThenLearn();
    }

    @Benchmark
    public int inferenceJit() {
        return infer();
    }

    @Benchmark
    public int stepJit() {
        return step(adapter);
    }

    @Benchmark
    public int stepNoGuardsJit() {
        return step(unguarded);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Xint")
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 5, time = 1)
    public int inferenceXint() {
        return infer();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Xint")
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 5, time = 1)
    public int stepXint() {
        return step(adapter);
    }
}

package dev.downhill.bench;

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
 * The floor for {@link InferenceBench}: the same work shape with nothing else. The same model blob
 * ({@link BenchModels#standard()}) with its weights read in place at the offsets {@link Model} found, the same
 * 16 rotating input vectors copied into an activation buffer, and the same 64-32-16-10 loop: per output channel
 * an int32 accumulator starting from the channel's bias, a bare int8 dot product, and the low byte stored as the
 * next layer's input. Left out: requantisation, clamping, softmax and argmax, i.e. exactly what the runtime
 * adds on top of the MACs. The runtime's time over this one's says what that costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class DotProductBaselineBench {

    private byte[] blob;
    private int[] weightOffsets;
    private int[] biases;
    private byte[] inputs;
    private byte[] activations;
    private int next;

    @Setup
    public void setUp() {
        Model model = Model.load(BenchModels.standard());
        int[] widths = BenchModelShape.WIDTHS;
        int layers = widths.length - 1;
        blob = model.blob();
        weightOffsets = new int[layers];
        int channels = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = model.weightsOffset(l);
            channels += widths[l + 1];
        }
        biases = new int[channels];
        for (int l = 0, b = 0; l < layers; l++) {
            for (int c = 0; c < widths[l + 1]; c++) {
                biases[b++] = model.bias(l, c);
            }
        }
        inputs = BenchModelShape.int8(new Random(BenchModelShape.SEED + 1), InferenceBench.INPUTS * widths[0]);
        activations = new byte[widths[0] + widths[1]];   // ping-pong halves, as the interpreter's arena
    }

    /** One inference's MACs; returns the first output so the JIT cannot drop the loops. */
    int dotProducts() {
        int[] widths = BenchModelShape.WIDTHS;
        byte[] a = activations;
        byte[] w = blob;
        int[] bias = biases;
        System.arraycopy(inputs, next * widths[0], a, 0, widths[0]);
        next = (next + 1) & (InferenceBench.INPUTS - 1);
        int in = 0;
        int out = widths[0];
        int b = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            int wi = weightOffsets[l];
            int inputEnd = in + widths[l];
            for (int c = 0; c < widths[l + 1]; c++) {
                int acc = bias[b++];
                for (int i = in; i < inputEnd; i++) {
                    acc += w[wi++] * a[i];
                }
                a[out + c] = (byte) acc;
            }
            int t = in;
            in = out;
            out = t;
        }
        return a[in];
    }

    @Benchmark
    public int jit() {
        return dotProducts();
    }

    @Benchmark
    @Fork(value = 3, jvmArgsAppend = "-Xint")   // see RuntimeBenchReport: one -Xint JVM's speed is luck of the draw
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 4, time = 1)
    public int interpreted() {
        return dotProducts();
    }
}

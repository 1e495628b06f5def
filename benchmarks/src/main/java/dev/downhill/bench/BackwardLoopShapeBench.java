package dev.downhill.bench;

import java.util.Arrays;
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
 * Why the adaptation step's backward product through layer 0 costs what it costs (docs/adaptation.md, Speed):
 * the same sums, {@code out[j] = Σ_a w[row_a + j] · s_a} over 13 active rows of a 32 × 64 int8 weight matrix (the
 * digits step's mean), written in the loop shapes a JVM might run faster. Every shape returns the same sums
 * ({@link #setUp} checks it), so the scores compare only how the JIT compiles them. Measured on the shared build
 * box (AVX-512, 2026-11-28; docs/adaptation.md, Speed): with JDK 17 and Temurin 25 none of them is vectorised, not
 * even {@link #intAxpy}, whose weights are widened to int in RAM (8 KB for layer 0, twice the adaptation's budget):
 * C2 vectorises {@code out[j] += w[j] · s} on int arrays, but not with the row's offset {@code w[row + j]}, where
 * (our reading) it cannot rule out that the two int arrays overlap. So the runtime's shape, {@link #byteAxpy}, is as fast as
 * any here but the widened one, which gains about a sixth.
 *
 * <p>The three axpy methods differ only in the weights' array type, on purpose: each must be a loop of its own, as
 * the JIT sees it, to measure that type.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BackwardLoopShapeBench}; divide by {@link #MACS} for
 * nanoseconds per multiply-accumulate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BackwardLoopShapeBench {

    static final int CHANNELS = 32;
    static final int DEPTH = 64;
    static final int ACTIVE = 13;
    /** Multiply-accumulates per call. */
    static final int MACS = ACTIVE * DEPTH;

    private byte[] w8;
    private short[] w16;
    private int[] w32;
    private int[] rows;
    private int[] scales;
    private int[] out;
    private long[] packed;

    @Setup
    public void setUp() {
        Random random = new Random(BenchModelShape.SEED);
        w8 = BenchModelShape.int8(random, CHANNELS * DEPTH);
        w16 = new short[w8.length];
        w32 = new int[w8.length];
        for (int i = 0; i < w8.length; i++) {
            w16[i] = w8[i];
            w32[i] = w8[i];
        }
        rows = new int[ACTIVE];
        scales = new int[ACTIVE];
        for (int a = 0; a < ACTIVE; a++) {
            rows[a] = random.nextInt(CHANNELS) * DEPTH;
            scales[a] = random.nextInt(1 << 17) - (1 << 16);   // |Σ w·s| < 2^31: the int path's bound holds
        }
        out = new int[DEPTH];
        packed = new long[DEPTH / 2];
        int[] expected = byteAxpy().clone();
        for (int[] got : new int[][] {byteDot4().clone(), packedLong().clone(), shortAxpy().clone(),
                intAxpy().clone()}) {
            if (!Arrays.equals(expected, got)) {
                throw new IllegalStateException("a loop shape computes different sums");
            }
        }
    }

    /** The runtime's shape ({@code Adapter.backwardInt}): a row at a time, int8 weights. */
    @Benchmark
    public int[] byteAxpy() {
        int[] sums = out;
        byte[] w = w8;
        Arrays.fill(sums, 0);
        for (int a = 0; a < ACTIVE; a++) {
            int row = rows[a];
            int s = scales[a];
            for (int j = 0; j < DEPTH; j++) {
                sums[j] += w[row + j] * s;
            }
        }
        return sums;
    }

    /** Four outputs at a time, summed over the rows in registers (no load and store of the sums per MAC). */
    @Benchmark
    public int[] byteDot4() {
        for (int j = 0; j < DEPTH; j += 4) {
            int s0 = 0;
            int s1 = 0;
            int s2 = 0;
            int s3 = 0;
            for (int a = 0; a < ACTIVE; a++) {
                int at = rows[a] + j;
                int s = scales[a];
                s0 += w8[at] * s;
                s1 += w8[at + 1] * s;
                s2 += w8[at + 2] * s;
                s3 += w8[at + 3] * s;
            }
            out[j] = s0;
            out[j + 1] = s1;
            out[j + 2] = s2;
            out[j + 3] = s3;
        }
        return out;
    }

    /**
     * Two sums in one 64-bit lane: {@code (w_j + w_(j+1)·2^32) · s} adds both products with one multiplication; the
     * low sum is the lane's low int (exact modulo 2^32, and the final sum fits), the high one what remains.
     */
    @Benchmark
    public int[] packedLong() {
        Arrays.fill(packed, 0);
        for (int a = 0; a < ACTIVE; a++) {
            int row = rows[a];
            long s = scales[a];
            for (int j = 0; j < DEPTH / 2; j++) {
                packed[j] += (w8[row + 2 * j] + ((long) w8[row + 2 * j + 1] << 32)) * s;
            }
        }
        for (int j = 0; j < DEPTH / 2; j++) {
            long v = packed[j];
            int low = (int) v;
            out[2 * j] = low;
            out[2 * j + 1] = (int) ((v - low) >> 32);
        }
        return out;
    }

    /** The runtime's shape with weights widened to int16 (2 bytes a weight). */
    @Benchmark
    public int[] shortAxpy() {
        int[] sums = out;
        short[] w = w16;
        Arrays.fill(sums, 0);
        for (int a = 0; a < ACTIVE; a++) {
            int row = rows[a];
            int s = scales[a];
            for (int j = 0; j < DEPTH; j++) {
                sums[j] += w[row + j] * s;
            }
        }
        return sums;
    }

    /** The runtime's shape with weights widened to int (4 bytes a weight). */
    @Benchmark
    public int[] intAxpy() {
        int[] sums = out;
        int[] w = w32;
        Arrays.fill(sums, 0);
        for (int a = 0; a < ACTIVE; a++) {
            int row = rows[a];
            int s = scales[a];
            for (int j = 0; j < DEPTH; j++) {
                sums[j] += w[row + j] * s;
            }
        }
        return sums;
    }
}

package dev.downhill.runtime;

import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import java.util.SplittableRandom;

/** Deterministic models for tests (seeded; no files). */
public final class TestModels {

    /** Float32 bits of an arbitrary scale; the runtime never interprets them. */
    public static final int SCALE_BITS = Float.floatToRawIntBits(0.05f);

    private TestModels() {
    }

    /** A 64-32-16-10 MLP (ReLU, ReLU, none; last layer per-channel) followed by softmax; no input stage. */
    public static byte[] mlp64x32x16x10(long seed) {
        return mlp(seed, false).build();
    }

    /** The same MLP, optionally with a per-feature input stage (64 features, pixels 0..16) and metadata. */
    public static ModelBuilder mlp(long seed, boolean inputStage) {
        SplittableRandom r = new SplittableRandom(seed);
        ModelBuilder b = new ModelBuilder().input(-128, SCALE_BITS);
        if (inputStage) {
            int[] offsets = new int[64];
            int[] m = new int[64];
            int[] s = new int[64];
            for (int f = 0; f < 64; f++) {
                offsets[f] = r.nextInt(16 * 16);          // mean in 1/16 units (pre-shift 4)
                m[f] = (1 << 30) + r.nextInt(1 << 30);
                s[f] = -r.nextInt(3);
            }
            b.inputStage(4, offsets, m, s);
        }
        b.fullyConnected(64, 32).weights(randomWeights(r, 64 * 32)).bias(randomBias(r, 32))
                .perTensor(1_500_000_000, -8, SCALE_BITS).output(-128, SCALE_BITS)
                .activation(Activation.RELU, -128, 127).add();
        b.fullyConnected(32, 16).weights(randomWeights(r, 32 * 16)).bias(randomBias(r, 16))
                .perTensor(1_300_000_000, -7, SCALE_BITS).output(-128, SCALE_BITS)
                .activation(Activation.RELU, -128, 127).add();
        int[] m3 = new int[10];
        int[] s3 = new int[10];
        int[] scales = new int[10];
        for (int c = 0; c < 10; c++) {
            m3[c] = (1 << 30) + r.nextInt(1 << 30);
            s3[c] = -6 - r.nextInt(2);
            scales[c] = SCALE_BITS;
        }
        b.fullyConnected(16, 10).weights(randomWeights(r, 160)).bias(randomBias(r, 10))
                .perChannel(m3, s3, scales).output(3, SCALE_BITS).add();
        b.softmax(1717986944, 23, Float.floatToRawIntBits(1f));
        return b;
    }

    static byte[] randomWeights(SplittableRandom r, int n) {
        byte[] w = new byte[n];
        for (int i = 0; i < n; i++) {
            w[i] = (byte) (r.nextInt(255) - 127);
        }
        return w;
    }

    static int[] randomBias(SplittableRandom r, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextInt(20_000) - 10_000;
        }
        return b;
    }
}

package dev.downhill.runtime.adapt;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import java.util.Random;

/**
 * Test fixture: a random float MLP over raw 0..16 "pixels" (the teacher; its argmax is the label), quantised to a
 * {@code .dhm} with an input stage, per-channel weights, ReLU hidden layers and an int8 softmax, the way the
 * quantiser does it (min/max calibration on random inputs). Deterministic for a seed.
 */
final class TeacherModel {

    static final int RAW_MAX = 16;

    final int[] sizes;
    final double[][][] w;
    final double[][] b;
    final double[] mean;
    final double[] std;
    final Model model;
    final byte[] blob;
    /** The same network without its input stage: it takes the int8 tensor the stage would produce. */
    final byte[] int8InputBlob;
    private final Random random;

    TeacherModel(long seed, int... sizes) {
        this.sizes = sizes;
        this.random = new Random(seed);
        int layers = sizes.length - 1;
        w = new double[layers][][];
        b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[sizes[l + 1]][sizes[l]];
            b[l] = new double[sizes[l + 1]];
            double scale = Math.sqrt(2.0 / sizes[l]);
            for (int k = 0; k < sizes[l + 1]; k++) {
                for (int j = 0; j < sizes[l]; j++) {
                    w[l][k][j] = random.nextGaussian() * scale;
                }
                b[l][k] = random.nextGaussian() * 0.1;
            }
        }
        mean = new double[sizes[0]];
        std = new double[sizes[0]];
        for (int f = 0; f < sizes[0]; f++) {
            mean[f] = 5 + 6 * random.nextDouble();
            std[f] = 3 + 3 * random.nextDouble();
        }
        balanceClasses();
        blob = quantize(true);
        int8InputBlob = quantize(false);
        model = Model.load(blob);
    }

    /** Shifts the last biases so every class wins about equally often on random inputs (a fair task). */
    private void balanceClasses() {
        int last = sizes.length - 2;
        int classes = sizes[sizes.length - 1];
        for (int round = 0; round < 30; round++) {
            int[] wins = new int[classes];
            Random r = new Random(1234);
            for (int n = 0; n < 2000; n++) {
                wins[label(sample(r))]++;
            }
            for (int k = 0; k < classes; k++) {
                b[last][k] -= 0.05 * Math.log((wins[k] + 1.0) / (2000.0 / classes));
            }
        }
    }

    /** A random raw sample, 0..16 per feature. */
    int[] sample(Random r) {
        int[] x = new int[sizes[0]];
        for (int f = 0; f < x.length; f++) {
            x[f] = r.nextInt(RAW_MAX + 1);
        }
        return x;
    }

    /** Float activations of every layer (index 0 = standardised input, last = logits). */
    double[][] forward(double[] raw) {
        int layers = sizes.length - 1;
        double[][] a = new double[layers + 1][];
        a[0] = new double[sizes[0]];
        for (int f = 0; f < sizes[0]; f++) {
            a[0][f] = (raw[f] - mean[f]) / std[f];
        }
        for (int l = 0; l < layers; l++) {
            a[l + 1] = new double[sizes[l + 1]];
            for (int k = 0; k < sizes[l + 1]; k++) {
                double s = b[l][k];
                for (int j = 0; j < sizes[l]; j++) {
                    s += w[l][k][j] * a[l][j];
                }
                a[l + 1][k] = l < layers - 1 ? Math.max(0, s) : s;
            }
        }
        return a;
    }

    /** The teacher's class for a raw sample. */
    int label(int[] raw) {
        double[] x = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = raw[i];
        }
        double[] z = forward(x)[sizes.length - 1];
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    private byte[] quantize(boolean inputStage) {
        int layers = sizes.length - 1;
        // calibration: min/max of every tensor over random raw inputs
        double[] lo = new double[layers + 1];
        double[] hi = new double[layers + 1];
        Random r = new Random(99);
        for (int n = 0; n < 2000; n++) {
            double[] raw = new double[sizes[0]];
            for (int f = 0; f < raw.length; f++) {
                raw[f] = r.nextInt(RAW_MAX + 1);
            }
            double[][] a = forward(raw);
            for (int t = 0; t <= layers; t++) {
                for (double v : a[t]) {
                    lo[t] = Math.min(lo[t], v);
                    hi[t] = Math.max(hi[t], v);
                }
            }
        }
        for (int f = 0; f < sizes[0]; f++) {                           // the whole 0..16 range must fit
            lo[0] = Math.min(lo[0], -mean[f] / std[f]);
            hi[0] = Math.max(hi[0], (RAW_MAX - mean[f]) / std[f]);
        }
        double[] scale = new double[layers + 1];
        int[] zero = new int[layers + 1];
        for (int t = 0; t <= layers; t++) {
            float s = (float) ((hi[t] - lo[t]) / 255);
            scale[t] = s;
            zero[t] = (int) Math.max(-128, Math.min(127, Math.round(-128 - lo[t] / s)));
        }
        int preShift = 8;
        int[] offsets = new int[sizes[0]];
        int[] mult = new int[sizes[0]];
        int[] shift = new int[sizes[0]];
        for (int f = 0; f < sizes[0]; f++) {
            offsets[f] = (int) Math.round(mean[f] * (1 << preShift));
            long[] q = quantizeMultiplier(1.0 / (std[f] * scale[0] * (1 << preShift)));
            mult[f] = (int) q[0];
            shift[f] = (int) q[1];
        }
        ModelBuilder mb = new ModelBuilder().input(zero[0], Float.floatToRawIntBits((float) scale[0]));
        if (inputStage) {
            mb = mb.inputStage(preShift, offsets, mult, shift);
        }
        for (int l = 0; l < layers; l++) {
            int out = sizes[l + 1];
            int in = sizes[l];
            byte[] wq = new byte[out * in];
            int[] bq = new int[out];
            int[] cm = new int[out];
            int[] cs = new int[out];
            int[] sb = new int[out];
            for (int k = 0; k < out; k++) {
                double max = 1e-9;
                for (int j = 0; j < in; j++) {
                    max = Math.max(max, Math.abs(w[l][k][j]));
                }
                float sw = (float) (max / 127);
                sb[k] = Float.floatToRawIntBits(sw);
                for (int j = 0; j < in; j++) {
                    wq[k * in + j] = (byte) Math.round(w[l][k][j] / sw);
                }
                bq[k] = (int) Math.round(b[l][k] / ((double) (float) scale[l] * sw));
                long[] q = quantizeMultiplier((double) (float) scale[l] * sw / (float) scale[l + 1]);
                cm[k] = (int) q[0];
                cs[k] = (int) q[1];
            }
            boolean hidden = l < layers - 1;
            mb = mb.fullyConnected(in, out).weights(wq).bias(bq).perChannel(cm, cs, sb)
                    .output(zero[l + 1], Float.floatToRawIntBits((float) scale[l + 1]))
                    .activation(hidden ? Activation.RELU : Activation.NONE, hidden ? zero[l + 1] : -128, 127).add();
        }
        long[] sm = quantizeMultiplier(Math.min((float) scale[layers] * (double) (1 << 26), Integer.MAX_VALUE));
        return mb.softmax((int) sm[0], (int) sm[1], Float.floatToRawIntBits(1.0f)).build();
    }

    /** TFLM QuantizeMultiplier: {M, shift}. */
    static long[] quantizeMultiplier(double m) {
        int e = Math.getExponent(m) + 1;
        double f = Math.scalb(m, -e);
        long q = Math.round(f * (1L << 31));
        if (q == (1L << 31)) {
            q /= 2;
            e++;
        }
        return new long[] {q, e};
    }
}

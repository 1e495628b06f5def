package dev.downhill.trainer.adapt;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import java.util.Random;

/** Test fixture: small valid int8 models with an input stage, random but deterministic for a seed. */
final class SmallModels {

    private SmallModels() {
    }

    /** 8 raw inputs (0..16) -> 6 ReLU -> 3 logits -> softmax; per-channel weights. */
    static Model classifier(long seed) {
        Random r = new Random(seed);
        ModelBuilder mb = layer(rawInputStage(r), r, 8, 6, -128, 0.05f, true);
        mb = layer(mb, r, 6, 3, 0, 0.1f, false);
        return Model.load(mb.softmax(1 << 30, 23, Float.floatToRawIntBits(1f)).build());
    }

    /** 8 raw inputs (0..16) -> 6 ReLU -> 1 linear output (scale 0.05, zero point 10): a regression model. */
    static Model regressor(long seed) {
        Random r = new Random(seed);
        ModelBuilder mb = layer(rawInputStage(r), r, 8, 6, -128, 0.05f, true);
        mb = layer(mb, r, 6, 1, 10, 0.05f, false);
        return Model.load(mb.build());
    }

    /** The models' per-feature raw input stage over 8 features. */
    private static ModelBuilder rawInputStage(Random r) {
        int[] offsets = new int[8];
        int[] mult = new int[8];
        int[] shift = new int[8];
        for (int f = 0; f < 8; f++) {
            offsets[f] = (6 + r.nextInt(5)) << 8;                     // mean 6..10 raw units, preShift 8
            mult[f] = (1 << 30) + r.nextInt(1 << 29);
            shift[f] = -5;                                             // ~ 8 int8 steps per raw unit
        }
        return new ModelBuilder().input(0, Float.floatToRawIntBits(0.03f)).inputStage(8, offsets, mult, shift);
    }

    private static ModelBuilder layer(ModelBuilder mb, Random r, int in, int out, int zero, float outScale, boolean relu) {
        byte[] w = new byte[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (r.nextInt(201) - 100);
        }
        int[] bias = new int[out];
        int[] m = new int[out];
        int[] s = new int[out];
        int[] bits = new int[out];
        for (int k = 0; k < out; k++) {
            bias[k] = r.nextInt(2001) - 1000;
            m[k] = (1 << 30) + r.nextInt(1 << 29);
            s[k] = -7;
            bits[k] = Float.floatToRawIntBits(0.004f + 0.002f * k);
        }
        return mb.fullyConnected(in, out).weights(w).bias(bias).perChannel(m, s, bits)
                .output(zero, Float.floatToRawIntBits(outScale))
                .activation(relu ? Activation.RELU : Activation.NONE, relu ? zero : -128, 127).add();
    }
}

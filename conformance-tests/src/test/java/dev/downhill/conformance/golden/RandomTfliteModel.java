package dev.downhill.conformance.golden;

import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import dev.downhill.trainer.quantize.Rounding;
import java.util.Random;

/**
 * A seeded random int8 MLP described the way the TFLite converter describes one: float32 scales, int8 zero
 * points, symmetric int8 weights, int32 biases, fused activations, an optional softmax head. Its .dhm is built
 * with constants derived from those floats by this suite's own reading of TFLM (§2, §6, §7 of
 * docs/int8-arithmetic.md, {@link TflmCases}); the exporter then writes the .tflite, and refuses it if the
 * importer would derive other constants, so a model that reaches the oracle is one both sides read alike.
 */
final class RandomTfliteModel {

    private static final int[] ACTIVATIONS = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.RELU_N1_TO_1};

    /** The model. */
    final byte[] dhm;
    /** The same model without its softmax head (its logits), or null when it has none. */
    final byte[] logits;
    final String description;

    private RandomTfliteModel(byte[] dhm, byte[] logits, String description) {
        this.dhm = dhm;
        this.logits = logits;
        this.description = description;
    }

    /**
     * @param seed    the model's seed
     * @param softmax whether a softmax follows the last fully connected layer
     */
    static RandomTfliteModel generate(long seed, boolean softmax, Rounding rounding) {
        return generate(seed, softmax, rounding, 48, 40, false);
    }

    /**
     * @param maxInputs the widest input (the model's input depth is 1 to this)
     * @param maxHidden the widest hidden layer
     * @param perChannel whether each output channel has its own weight scale (the per-tensor scale times 0.5 to
     *                   2, drawn from a second generator, so the rest of the model is the per-tensor one)
     */
    static RandomTfliteModel generate(long seed, boolean softmax, Rounding rounding, int maxInputs,
                                      int maxHidden, boolean perChannel) {
        Random random = new Random(seed);
        Random channelScales = new Random(~seed);
        int layers = 1 + random.nextInt(4);
        int[] widths = new int[layers + 1];
        widths[0] = 1 + random.nextInt(maxInputs);
        for (int l = 1; l <= layers; l++) {
            widths[l] = l == layers ? (softmax ? 2 : 1) + random.nextInt(12) : 1 + random.nextInt(maxHidden);
        }
        float sIn = logUniform(random, 1e-3, 1);
        int zIn = random.nextInt(256) - 128;
        ModelBuilder builder = new ModelBuilder().rounding(rounding.headerFlag())
                .input(zIn, Float.floatToRawIntBits(sIn));
        StringBuilder text = new StringBuilder("seed ").append(seed).append(": ").append(widths[0]);
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            float sW = logUniform(random, 1e-3, 0.5);
            byte[] w = new byte[in * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (byte) (random.nextInt(255) - 127);
            }
            // biases as the converter makes them (bias / (S_in·S_w)): mostly modest, now and then large
            int range = random.nextInt(8) == 0 ? 1 << 24 : 1 << (8 + random.nextInt(10));
            int[] b = new int[out];
            for (int c = 0; c < out; c++) {
                b[c] = random.nextInt(2 * range + 1) - range;
            }
            // an output scale that keeps a typical accumulator (about 64·sqrt(in) in int8 units squared) in range,
            // spread over two orders of magnitude either way, so that outputs saturate now and then; one layer in
            // eight gets a multiplier above 1 (a positive shift), where TFLM shifts the accumulator left first
            double typical = (double) sIn * sW * 64 * Math.sqrt(in) * 128;
            // (not before a softmax: beta · S_in · 2^26 must stay above 1)
            boolean last = l == layers - 1;
            boolean above1 = random.nextInt(8) == 0 && !(softmax && last);
            double spread = above1 ? logUniform(random, 1e-4, 1e-2) : logUniform(random, 0.1, 10);
            float sOut = (float) (typical / 128 * spread);
            int zOut = random.nextInt(256) - 128;
            int[] ms = TflmCases.quantizeMultiplier(TflmCases.perTensorMultiplier(sIn, sW, sOut));
            int activation = last ? Activation.NONE : ACTIVATIONS[random.nextInt(ACTIVATIONS.length)];
            int[] range8 = TflmCases.activationRange(Activation.name(activation), sOut, zOut);
            ModelBuilder.FullyConnectedLayer layer = builder.fullyConnected(in, out).weights(w).bias(b);
            if (perChannel && out > 1) { // one scale reads back as per-tensor (TFLM counts scales)
                int[] m = new int[out];
                int[] shift = new int[out];
                int[] scaleBits = new int[out];
                for (int c = 0; c < out; c++) {
                    float sC = sW * logUniform(channelScales, 0.5, 2);
                    int[] mc = TflmCases.quantizeMultiplier(TflmCases.perChannelMultiplier(sIn, sC, sOut));
                    m[c] = mc[0];
                    shift[c] = mc[1];
                    scaleBits[c] = Float.floatToRawIntBits(sC);
                }
                layer = layer.perChannel(m, shift, scaleBits);
            } else {
                layer = layer.perTensor(ms[0], ms[1], Float.floatToRawIntBits(sW));
            }
            layer.output(zOut, Float.floatToRawIntBits(sOut))
                    .activation(activation, range8[0], range8[1])
                    .add();
            text.append(" -").append(Activation.name(activation).toLowerCase(java.util.Locale.ROOT)).append("-> ").append(out);
            sIn = sOut;
        }
        byte[] logits = softmax ? builder.build() : null;
        if (softmax) {
            float beta = random.nextBoolean() ? 1f : logUniform(random, 0.1, 4);
            if (rounding == Rounding.SINGLE && beta * (double) sIn >= 16) {
                // beta · S_in >= 16 gives a left shift of 31, which single-rounding MBQM cannot take (a .dhm
                // refuses it): keep beta · S_in · 2^26 below 2^30
                beta = 8 / sIn;
            }
            double real = Math.min(beta * (double) sIn * (1 << 26), (double) Integer.MAX_VALUE);
            int[] ms = TflmCases.quantizeMultiplier(real);
            builder.softmax(ms[0], ms[1], Float.floatToRawIntBits(beta));
            text.append(" -> softmax(beta ").append(beta).append(')');
        }
        return new RandomTfliteModel(builder.build(), logits, text.toString());
    }

    private static float logUniform(Random random, double low, double high) {
        return (float) Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
    }
}

package dev.downhill.conformance.models;

import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import java.util.Random;

/**
 * A seeded random int8 MLP with ReLU hidden layers and a softmax head, built with the runtime's
 * {@link ModelBuilder}: the 64-32-16-10 + softmax network the conformance checks use as a realistic
 * workload. Multipliers and shifts are chosen so activations spread over the int8 range instead of
 * saturating (accumulators of D products of int8 values are rescaled by about 1/(8·sqrt(D))).
 */
public final class RandomMlp {

    /** The standard workload's layer widths, input first. */
    public static final int[] STANDARD_WIDTHS = {64, 32, 16, 10};

    /** float32 bits of 1/256: a plausible scale for the host-only scale fields. */
    private static final int SCALE_BITS = Float.floatToRawIntBits(1f / 256);

    private RandomMlp() {}

    /** The standard 64-32-16-10 + softmax model, with an input stage for raw sensor integers. */
    public static byte[] standard(long seed) {
        return build(seed, STANDARD_WIDTHS, true);
    }

    /**
     * @param widths        layer widths, input first (at least two)
     * @param withInputStage whether raw int sensor values can be fed through {@code invoke(int[], int)}
     */
    public static byte[] build(long seed, int[] widths, boolean withInputStage) {
        Random random = new Random(seed);
        ModelBuilder builder = new ModelBuilder().input(-3, SCALE_BITS);
        if (withInputStage) {
            int features = widths[0];
            int[] offsets = new int[features];
            for (int f = 0; f < features; f++) {
                offsets[f] = random.nextInt(2001) - 1000;
            }
            // raw values of about ±2^11 map onto the int8 range: multiplier 0.5 · 2^-3
            builder.inputStage(0, offsets, new int[] {1 << 30}, new int[] {-4});
        }
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            byte[] weights = new byte[in * out];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (byte) (random.nextInt(255) - 127);
            }
            int[] bias = new int[out];
            for (int c = 0; c < out; c++) {
                bias[c] = random.nextInt(20001) - 10000;
            }
            int shift = -(7 + Integer.numberOfTrailingZeros(Integer.highestOneBit(in)) / 2);
            int multiplier = (1 << 30) + random.nextInt(1 << 30);
            boolean hidden = l + 2 < widths.length;
            int zeroPoint = hidden ? -128 : random.nextInt(21) - 10;
            builder.fullyConnected(in, out).weights(weights).bias(bias).perTensor(multiplier, shift, SCALE_BITS)
                    .output(zeroPoint, SCALE_BITS)
                    .activation(hidden ? Activation.RELU : Activation.NONE, hidden ? zeroPoint : -128, 127)
                    .add();
        }
        // softmax input scale 1/16, beta 1: real = 2^26/16 = 2^22 -> M = 2^30, left shift 23
        return builder.softmax(1 << 30, 23, Float.floatToRawIntBits(1f)).build();
    }

    /** {@code count} seeded random int8 input vectors of length {@code size}, back to back. */
    public static byte[] inputs(long seed, int size, int count) {
        byte[] b = new byte[size * count];
        new Random(seed ^ 0x5DEECE66DL).nextBytes(b);
        return b;
    }

    /** {@code count} seeded raw sensor vectors (ints of about ±2^11), back to back. */
    public static int[] rawInputs(long seed, int size, int count) {
        Random random = new Random(seed ^ 0xB5AD4ECEDA1CE2A9L);
        int[] raw = new int[size * count];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = random.nextInt(4096) - 2048;
        }
        return raw;
    }
}

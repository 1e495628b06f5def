package dev.downhill.bench;

import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import java.util.Random;

/**
 * The benchmarked model: 64-32-16-10 with ReLU hidden layers and a softmax head, seeded random int8
 * weights, built with the runtime's {@link ModelBuilder}. Multipliers keep activations spread over
 * the int8 range (an accumulator of D int8 products is scaled by about 2^-(7 + log2(D)/2)).
 */
final class BenchModels {

    private static final int SCALE_BITS = Float.floatToRawIntBits(1f / 256);

    private BenchModels() {}

    static byte[] standard() {
        Random random = new Random(BenchModelShape.SEED);
        int[] widths = BenchModelShape.WIDTHS;
        ModelBuilder builder = new ModelBuilder().input(-3, SCALE_BITS);
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            int[] bias = new int[out];
            for (int c = 0; c < out; c++) {
                bias[c] = random.nextInt(20001) - 10000;
            }
            boolean hidden = l + 2 < widths.length;
            builder.fullyConnected(in, out).weights(BenchModelShape.int8(random, in * out)).bias(bias)
                    .perTensor((1 << 30) + random.nextInt(1 << 30), -(7 + Integer.numberOfTrailingZeros(in) / 2), SCALE_BITS)
                    .output(hidden ? -128 : 0, SCALE_BITS)
                    .activation(hidden ? Activation.RELU : Activation.NONE, -128, 127)
                    .add();
        }
        return builder.softmax(1 << 30, 23, Float.floatToRawIntBits(1f)).build();
    }
}

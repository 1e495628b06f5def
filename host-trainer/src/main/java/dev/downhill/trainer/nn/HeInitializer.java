package dev.downhill.trainer.nn;

import java.util.Random;

/**
 * He (Kaiming) initialisation: weights drawn from {@code N(0, 2 / fanIn)}, biases 0. The factor 2 makes up
 * for ReLU zeroing half of its inputs, so activations keep their scale from layer to layer.
 * {@link Random#nextGaussian()} is specified by the JDK, so a seed gives the same weights on every JVM.
 */
public final class HeInitializer {
    /** Mixed into the user's seed so initialisation has its own random stream. */
    private static final long INIT_STREAM = 0x1E17_0000_0000_0002L;

    private HeInitializer() {
    }

    /** Overwrites every parameter of {@code network}. */
    public static void initialize(Mlp network, long seed) {
        Random random = new Random(seed ^ INIT_STREAM);
        for (int l = 0; l < network.layerCount(); l++) {
            double sd = Math.sqrt(2.0 / network.layerInputs(l));
            for (float[] row : network.weights(l)) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) (random.nextGaussian() * sd);
                }
            }
            java.util.Arrays.fill(network.biases(l), 0f);
        }
    }
}

package dev.downhill.trainer.quantize;

/**
 * Fake quantisation for quantisation-aware training: in the forward pass a float value is snapped
 * to the nearest value its int8 tensor can hold (and clipped to the tensor's range), so the float
 * model sees the rounding the device will apply; in the backward pass the gradient goes straight
 * through where the value was representable and is zero where it was clipped (the clipped
 * straight-through estimator).
 */
public final class FakeQuantizer {

    private static final int Q_MIN = -128;
    private static final int Q_MAX = 127;
    private static final int WEIGHT_Q_MAX = 127;

    private FakeQuantizer() {
    }

    /** {@code dequantize(quantize(x))} for an activation tensor quantised as {@code q}. */
    public static float activation(float x, TensorQuantization q) {
        return (float) q.dequantize(q.quantize(x));
    }

    /**
     * The straight-through gradient mask of {@link #activation}: 1 inside the representable range
     * {@code [scale·(−128 − Z), scale·(127 − Z)]}, 0 outside (where the output was clipped).
     */
    public static boolean passesGradient(float x, TensorQuantization q) {
        return x >= q.dequantize(Q_MIN) && x <= q.dequantize(Q_MAX);
    }

    /**
     * Replaces {@code weights} (row-major {@code [outputs][inputs]}, starting at {@code offset}) by
     * their symmetric per-channel int8 values times the channel scale, exactly as
     * {@link ChannelWeights#quantize} will store them. Since the scale of a channel is set by its
     * largest weight, nothing is clipped and the straight-through gradient is the identity.
     */
    public static void weightsInPlace(float[] weights, int offset, int outputs, int inputs) {
        for (int c = 0; c < outputs; c++) {
            int row = offset + c * inputs;
            double maxAbs = 0;
            for (int d = 0; d < inputs; d++) {
                maxAbs = Math.max(maxAbs, Math.abs(weights[row + d]));
            }
            float scale = (float) (maxAbs / WEIGHT_Q_MAX);
            if (!(scale > 0)) {
                continue;
            }
            for (int d = 0; d < inputs; d++) {
                long q = QuantizedMultiplier.roundHalfAway(weights[row + d] / (double) scale);
                weights[row + d] = (float) ((double) scale * Math.max(-WEIGHT_Q_MAX, Math.min(WEIGHT_Q_MAX, q)));
            }
        }
    }
}

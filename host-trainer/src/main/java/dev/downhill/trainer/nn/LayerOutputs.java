package dev.downhill.trainer.nn;

/**
 * What one input produced in every layer: {@code z} before and {@code a} after the activation. A quantiser
 * calibrates int8 activation ranges from these; {@link #output()} is the last layer's post-activation.
 * Arrays are fresh copies owned by this object.
 */
public record LayerOutputs(float[] input, float[][] preActivations, float[][] postActivations) {
    public int layerCount() {
        return preActivations.length;
    }

    /** {@code z = x W + b} of {@code layer}. */
    public float[] preActivation(int layer) {
        return preActivations[layer];
    }

    /** The activation applied to {@link #preActivation}: what the next layer reads. */
    public float[] postActivation(int layer) {
        return postActivations[layer];
    }

    public float[] output() {
        return postActivations[postActivations.length - 1];
    }
}

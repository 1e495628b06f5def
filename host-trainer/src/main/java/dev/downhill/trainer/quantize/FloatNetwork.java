package dev.downhill.trainer.quantize;

/**
 * What the quantiser needs to know of a trained float MLP: the dense layers' parameters, the
 * input standardisation, and a forward pass that exposes every layer's output. The trainer's float
 * model is adapted to this view, so the quantisation math does not depend on how the trainer stores
 * or runs its models.
 */
public interface FloatNetwork {

    /** Number of dense layers. */
    int layerCount();

    /** Weights of dense layer {@code l}, {@code [outputs][inputs]}. */
    double[][] weights(int l);

    /** Bias of dense layer {@code l}, one per output. */
    double[] bias(int l);

    /** The activation that follows dense layer {@code l} (the last layer's is usually NONE). */
    FusedActivation activation(int l);

    /** Whether a softmax follows the last layer (classification). */
    boolean softmaxOutput();

    /** Per-feature means of the raw training data, subtracted before the first layer. */
    double[] featureMeans();

    /** Per-feature deviations the raw data is divided by after the mean is subtracted. */
    double[] featureDeviations();

    /**
     * Runs one raw input row and returns the float tensors the int8 model will hold: index 0 is the
     * standardised input, index {@code l + 1} the output of dense layer {@code l} after its
     * activation (the logits for the last layer, before any softmax).
     */
    double[][] activations(double[] rawRow);
}

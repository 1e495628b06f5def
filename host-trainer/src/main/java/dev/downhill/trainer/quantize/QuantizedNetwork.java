package dev.downhill.trainer.quantize;

import java.util.List;

/**
 * The complete int8 model before it is serialised to a {@code .dhm}: the input tensor's
 * quantisation, the optional raw-input stage (absent when the data are not raw integers), the
 * layers and whether an int8 softmax (output scale 1/256, zero point −128) follows.
 *
 * @param input quantisation of the int8 input tensor
 * @param inputStage the folded standardisation, or null when the model takes int8 input directly
 * @param layers the FULLY_CONNECTED layers in order
 * @param softmax whether an int8 softmax follows the last layer
 */
public record QuantizedNetwork(TensorQuantization input, InputStage inputStage, List<QuantizedLayer> layers,
        boolean softmax) {

    public QuantizedNetwork {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
    }

    /** Quantisation of the final int8 output (the softmax's fixed one, or the last layer's). */
    public TensorQuantization output() {
        return softmax ? TensorQuantization.softmaxOutput() : layers.get(layers.size() - 1).output();
    }

    /** Total multiply-accumulates per inference of the dense layers. */
    public long macs() {
        return layers.stream().mapToLong(QuantizedLayer::macs).sum();
    }
}

package dev.downhill.trainer.quantize;

/**
 * One int8 FULLY_CONNECTED layer as the runtime will execute it: int8 weights with their scales,
 * int32 biases, input/output quantisation, one requantisation multiplier per output channel (all
 * equal in count to the scales) and the clamp of the fused activation.
 *
 * @param weights int8 weights {@code [out][in]} and their per-channel scales
 * @param bias int32 bias per output channel, at scale {@code S_in · S_w[c]}
 * @param input quantisation of the layer's input tensor
 * @param output quantisation of the layer's output tensor
 * @param multipliers requantisation multiplier per output channel (one if per-tensor)
 * @param activation the fused activation
 * @param range its int8 clamp bounds
 */
public record QuantizedLayer(ChannelWeights weights, int[] bias, TensorQuantization input, TensorQuantization output,
        QuantizedMultiplier[] multipliers, FusedActivation activation, ActivationRange range) {

    /**
     * Builds the layer's constants from float parameters and calibrated input/output quantisation, its weights with
     * one scale per channel or one for the tensor.
     */
    public static QuantizedLayer of(double[][] floatWeights, double[] floatBias, FusedActivation activation,
            TensorQuantization input, TensorQuantization output, WeightScales weightScales) {
        ChannelWeights w = ChannelWeights.quantize(floatWeights, weightScales);
        int[] bias = w.quantizeBias(floatBias, input.scale());
        QuantizedMultiplier[] m = new QuantizedMultiplier[w.outputs()];
        for (int c = 0; c < m.length; c++) {
            m[c] = w.multiplier(c, input.scale(), output.scale());
        }
        return new QuantizedLayer(w, bias, input, output, m, activation,
                ActivationRange.of(activation, output.scale(), output.zeroPoint()));
    }

    /** Input depth. */
    public int inputs() {
        return weights.inputs();
    }

    /** Output channels. */
    public int outputs() {
        return weights.outputs();
    }

    /** Multiply-accumulates per inference. */
    public long macs() {
        return (long) inputs() * outputs();
    }
}

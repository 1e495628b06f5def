package dev.downhill.trainer.quantize;

import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;

/**
 * Serialises a {@link QuantizedNetwork} to tiny-runtime's {@code .dhm} bytes with the runtime's own
 * {@link ModelBuilder} (which validates the result with the runtime's reader before returning).
 */
public final class DhmEncoder {

    /** Softmax beta: 1, as Keras/TFLite classifiers use. */
    private static final float SOFTMAX_BETA = 1f;

    private DhmEncoder() {
    }

    /**
     * @param metadata opaque bytes stored in the model's metadata section (UTF-8 JSON by convention),
     *     or null for none
     */
    public static byte[] encode(QuantizedNetwork network, byte[] metadata) {
        return encode(network, metadata, Rounding.DOUBLE);
    }

    /**
     * @param metadata opaque bytes stored in the model's metadata section (UTF-8 JSON by convention),
     *     or null for none
     * @param rounding how the model's layers requantise (TFLM's double rounding, or single rounding)
     */
    public static byte[] encode(QuantizedNetwork network, byte[] metadata, Rounding rounding) {
        ModelBuilder b = new ModelBuilder().rounding(rounding.headerFlag())
                .input(network.input().zeroPoint(), bits(network.input().scale()));
        InputStage stage = network.inputStage();
        if (stage != null) {
            b.inputStage(stage.preShift(), stage.offsets(), stage.multipliers(), stage.shifts());
        }
        for (QuantizedLayer layer : network.layers()) {
            ChannelWeights w = layer.weights();
            ModelBuilder.FullyConnectedLayer fc = b.fullyConnected(layer.inputs(), layer.outputs())
                    .weights(w.values()).bias(layer.bias());
            if (w.isPerTensor()) {
                fc.perTensor(layer.multipliers()[0].multiplier(), layer.multipliers()[0].shift(), bits(w.scale(0)));
            } else {
                int[] m = new int[layer.outputs()];
                int[] s = new int[layer.outputs()];
                int[] scaleBits = new int[layer.outputs()];
                for (int c = 0; c < m.length; c++) {
                    m[c] = layer.multipliers()[c].multiplier();
                    s[c] = layer.multipliers()[c].shift();
                    scaleBits[c] = bits(w.scale(c));
                }
                fc.perChannel(m, s, scaleBits);
            }
            fc.output(layer.output().zeroPoint(), bits(layer.output().scale()))
                    .activation(code(layer.activation()), layer.range().min(), layer.range().max())
                    .add();
        }
        if (network.softmax()) {
            QuantizedLayer last = network.layers().get(network.layers().size() - 1);
            QuantizedMultiplier m = QuantizedMultiplier.softmaxInput(SOFTMAX_BETA, last.output().scale());
            b.softmax(m.multiplier(), m.shift(), bits(SOFTMAX_BETA));
        }
        if (metadata != null) {
            b.metadata(metadata);
        }
        return b.build();
    }

    /** The runtime's activation code (TFLite's numbering). */
    static int code(FusedActivation a) {
        return switch (a) {
            case NONE -> Activation.NONE;
            case RELU -> Activation.RELU;
            case RELU6 -> Activation.RELU6;
            case RELU_N1_TO_1 -> Activation.RELU_N1_TO_1;
        };
    }

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }
}

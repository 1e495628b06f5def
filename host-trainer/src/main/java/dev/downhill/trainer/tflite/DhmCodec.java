package dev.downhill.trainer.tflite;

import dev.downhill.trainer.quantize.Rounding;
import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.ModelFormatException;
import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.FullyConnected;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between a {@link QuantizedChain} and .dhm bytes, through the runtime's own
 * {@link ModelBuilder} and {@link Model} so that the two can never disagree on the format.
 * An input stage and metadata, which a chain does not hold, are not read here; the exporter decides
 * what to do about them.
 */
final class DhmCodec {

    private DhmCodec() {
    }

    /**
     * The .dhm of {@code chain}, requantising with {@code rounding}, validated by the runtime's reader.
     *
     * @throws UnsupportedTfliteModelException if the runtime refuses a value the import let through
     */
    static byte[] encode(QuantizedChain chain, Rounding rounding) {
        try {
            ModelBuilder b = new ModelBuilder().rounding(rounding.headerFlag())
                    .input(chain.inputZeroPoint(), bits(chain.inputScale()));
            for (QuantizedChain.Layer layer : chain.layers()) {
                if (layer instanceof QuantizedChain.Dense d) {
                    ModelBuilder.FullyConnectedLayer fc = b.fullyConnected(d.inputDepth(), d.outputDepth())
                            .weights(d.weights()).bias(d.biases());
                    int[] scaleBits = new int[d.weightScales().length];
                    for (int c = 0; c < scaleBits.length; c++) {
                        scaleBits[c] = bits(d.weightScales()[c]);
                    }
                    if (d.perChannel()) {
                        fc.perChannel(d.multipliers(), d.shifts(), scaleBits);
                    } else {
                        fc.perTensor(d.multipliers()[0], d.shifts()[0], scaleBits[0]);
                    }
                    b = fc.output(d.outputZeroPoint(), bits(d.outputScale()))
                            .activation(d.activation(), d.activationMin(), d.activationMax()).add();
                } else if (layer instanceof QuantizedChain.Softmax s) {
                    b.softmax(s.inputMultiplier(), s.inputLeftShift(), bits(s.beta()));
                }
            }
            return b.build();
        } catch (ModelFormatException | IllegalArgumentException | IllegalStateException e) {
            // Every limit of the runtime should already have been checked by TfliteGraphConverter; this
            // keeps the documented-exception promise should one of them be missed.
            throw new UnsupportedTfliteModelException(List.of("the runtime refuses the converted model: " + e.getMessage()));
        }
    }

    /** The chain a loaded .dhm model holds (its input stage and metadata, if any, are not part of it). */
    static QuantizedChain decode(Model model) {
        List<QuantizedChain.Layer> layers = new ArrayList<>();
        int zeroPoint = model.inputZeroPoint();
        for (int l = 0; l < model.layerCount(); l++) {
            int in = model.layerInputSize(l);
            int out = model.layerOutputSize(l);
            if (model.isFullyConnected(l)) {
                FullyConnected p = model.fullyConnected(l);
                int q = ModelFields.weightScaleCount(model, l);
                float[] scales = new float[q];
                int[] multipliers = new int[q];
                int[] shifts = new int[q];
                for (int c = 0; c < q; c++) {
                    scales[c] = Float.intBitsToFloat(ModelFields.weightScaleBits(model, l, c));
                    multipliers[c] = p.multiplier(c);
                    shifts[c] = p.shift(c);
                }
                int[] biases = new int[out];
                byte[] weights = new byte[out * in];
                for (int c = 0; c < out; c++) {
                    biases[c] = model.bias(l, c);
                }
                System.arraycopy(model.blob(), model.weightsOffset(l), weights, 0, weights.length);
                layers.add(new QuantizedChain.Dense(in, out, p.isPerChannel(), ModelFields.activation(model, l), -p.inputOffset(),
                        p.outputOffset(), p.activationMin(), p.activationMax(),
                        Float.intBitsToFloat(ModelFields.layerOutputScaleBits(model, l)), scales, multipliers, shifts, biases, weights));
                zeroPoint = p.outputOffset();
            } else {
                var p = model.softmax(l);
                layers.add(new QuantizedChain.Softmax(p.depth(), zeroPoint,
                        Float.intBitsToFloat(ModelFields.softmaxBetaBits(model, l)), p.inputMultiplier(), p.inputLeftShift()));
                zeroPoint = QuantizedChain.Softmax.OUTPUT_ZERO_POINT;
            }
        }
        return new QuantizedChain(Float.intBitsToFloat(ModelFields.inputScaleBits(model)), model.inputZeroPoint(), layers);
    }

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }
}

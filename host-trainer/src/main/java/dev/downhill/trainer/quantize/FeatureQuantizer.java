package dev.downhill.trainer.quantize;

import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.data.Standardizer;

/**
 * What a device driver does for a model without a raw input stage: standardise each raw feature
 * with the training statistics, then quantise it with the model's input scale and zero point,
 * <pre>
 *   z = (float) ((raw − mean_f) / std_f)          as the float model standardises
 *   q = clamp(Z_in + round_half_away(z / S_in), −128, 127)
 * </pre>
 * This is the one host-side implementation, used both where {@code quantize} measures the int8
 * model and by {@code predict} / golden export on raw features, so the figures {@code quantize}
 * prints are those of the predictions users get. Immutable.
 */
public final class FeatureQuantizer {
    private final Standardizer standardizer;
    private final TensorQuantization input;

    /**
     * @param standardizer the float model's input standardisation
     * @param input the int8 input tensor's quantisation
     */
    public FeatureQuantizer(Standardizer standardizer, TensorQuantization input) {
        this.standardizer = standardizer;
        this.input = input;
    }

    /** For {@code model}'s input tensor, which must have one entry per feature of {@code standardizer}. */
    public static FeatureQuantizer of(Standardizer standardizer, Model model) {
        if (standardizer.featureCount() != model.inputSize()) {
            throw new IllegalArgumentException("standardisation has " + standardizer.featureCount()
                    + " features, the model takes " + model.inputSize() + " inputs");
        }
        return new FeatureQuantizer(standardizer,
                new TensorQuantization(Float.intBitsToFloat(ModelFields.inputScaleBits(model)), model.inputZeroPoint()));
    }

    /** Quantises one row of raw features into {@code out[offset .. offset + featureCount)}. */
    public void quantize(double[] raw, byte[] out, int offset) {
        int n = standardizer.featureCount();
        if (raw.length != n) {
            throw new IllegalArgumentException("expected " + n + " features, got " + raw.length);
        }
        float[] z = new float[n];
        standardizer.apply(raw, z, 0);
        for (int f = 0; f < z.length; f++) {
            out[offset + f] = (byte) input.quantize(z[f]);
        }
    }

    /** Quantises one row of raw features into a new array. */
    public byte[] quantize(double[] raw) {
        byte[] out = new byte[standardizer.featureCount()];
        quantize(raw, out, 0);
        return out;
    }
}

package dev.downhill.trainer.quantize;

import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.nn.Activation;
import dev.downhill.trainer.nn.LayerOutputs;
import dev.downhill.trainer.nn.Mlp;

/**
 * The trainer's {@link FloatModel} seen through {@link FloatNetwork}. Activations come from the
 * trainer's own forward pass ({@link FloatModel#trace}), so calibration sees exactly the float32
 * values the trained model computes.
 */
public final class TrainerFloatNetwork implements FloatNetwork {

    private final FloatModel model;
    private final Mlp mlp;

    public TrainerFloatNetwork(FloatModel model) {
        this.model = model;
        this.mlp = model.network();
    }

    /** The wrapped model. */
    public FloatModel model() {
        return model;
    }

    @Override
    public int layerCount() {
        return mlp.layerCount();
    }

    @Override
    public double[][] weights(int l) {
        double[][] out = new double[mlp.layerOutputs(l)][mlp.layerInputs(l)];
        for (int o = 0; o < out.length; o++) {
            for (int i = 0; i < out[o].length; i++) {
                out[o][i] = mlp.weight(l, o, i);
            }
        }
        return out;
    }

    @Override
    public double[] bias(int l) {
        double[] b = new double[mlp.layerOutputs(l)];
        for (int o = 0; o < b.length; o++) {
            b[o] = mlp.bias(l, o);
        }
        return b;
    }

    @Override
    public FusedActivation activation(int l) {
        return mlp.activation(l) == Activation.RELU ? FusedActivation.RELU : FusedActivation.NONE;
    }

    @Override
    public boolean softmaxOutput() {
        return model.task() == Task.CLASSIFY;
    }

    @Override
    public double[] featureMeans() {
        return model.standardizer().mean();
    }

    @Override
    public double[] featureDeviations() {
        return model.standardizer().deviation();
    }

    @Override
    public double[][] activations(double[] rawRow) {
        LayerOutputs t = model.trace(rawRow);
        double[][] out = new double[mlp.layerCount() + 1][];
        out[0] = widen(t.input());
        for (int l = 0; l < mlp.layerCount(); l++) {
            out[l + 1] = widen(t.postActivation(l));
        }
        return out;
    }

    /** The float model's outputs for a raw row: softmax probabilities (classify) or the standardised value. */
    public double[] outputs(double[] rawRow) {
        double[] logits = widen(model.trace(rawRow).output());
        if (!softmaxOutput()) {
            return logits;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.exp(logits[i] - max);
            sum += logits[i];
        }
        for (int i = 0; i < logits.length; i++) {
            logits[i] /= sum;
        }
        return logits;
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}

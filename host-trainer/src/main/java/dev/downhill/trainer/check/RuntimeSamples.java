package dev.downhill.trainer.check;

import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.quantize.RawUnits;
import dev.downhill.trainer.quantize.TensorQuantization;
import dev.downhill.trainer.quantize.TrainerFloatNetwork;

/**
 * Labelled samples in the units the runtime takes them, flattened into primitive arrays so the measured loops
 * index them without allocating: raw sensor integers in the model's raw units when it has an input stage (exactly
 * what a board feeds it), otherwise int8 inputs quantised from the float model's standardised features; class ids for a
 * classifier, int8 targets in the output tensor's units for a regressor.
 */
final class RuntimeSamples {

    final int count;
    final int features;
    /** Whether {@link #raw} (input stage) or {@link #int8} holds the inputs. */
    final boolean rawInput;
    final int[] raw;
    final byte[] int8;
    /** Class id per sample (classifier), else null. */
    final int[] classes;
    /** int8 target per sample (regressor), else null. */
    final byte[] targets;

    private RuntimeSamples(int count, int features, boolean rawInput, int[] raw, byte[] int8, int[] classes,
            byte[] targets) {
        this.count = count;
        this.features = features;
        this.rawInput = rawInput;
        this.raw = raw;
        this.int8 = int8;
        this.classes = classes;
        this.targets = targets;
    }

    /**
     * @param units the units of the model's raw readings (ignored without an input stage): values are read as a
     *     device would, rounded to their unit and saturated to int16
     */
    static RuntimeSamples of(Model model, FloatModel floatModel, Dataset data, RawUnits units) {
        int n = data.size();
        int f = data.featureCount();
        boolean stage = model.hasInputStage();
        int[] raw = stage ? new int[n * f] : null;
        byte[] int8 = stage ? null : new byte[n * f];
        TrainerFloatNetwork network = new TrainerFloatNetwork(floatModel);
        TensorQuantization input = new TensorQuantization(Float.intBitsToFloat(ModelFields.inputScaleBits(model)),
                model.inputZeroPoint());
        double[] row = new double[f];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < f; j++) {
                row[j] = data.feature(r, j);
            }
            if (stage) {
                for (int j = 0; j < f; j++) {
                    raw[r * f + j] = units.toRaw(j, row[j]);
                }
            } else {
                double[] z = network.activations(row)[0];
                for (int j = 0; j < f; j++) {
                    int8[r * f + j] = (byte) input.quantize(z[j]);
                }
            }
        }
        int[] classes = null;
        byte[] targets = null;
        if (floatModel.task() == Task.CLASSIFY) {
            classes = new int[n];
            for (int r = 0; r < n; r++) {
                classes[r] = data.classOf(r);
            }
        } else {
            int out = model.layerCount() - 1;
            TensorQuantization output = new TensorQuantization(Float.intBitsToFloat(ModelFields.layerOutputScaleBits(model, out)),
                    model.outputZeroPoint());
            targets = new byte[n];
            for (int r = 0; r < n; r++) {
                targets[r] = (byte) output.quantize(floatModel.targetScaling().scale(data.targetOf(r)));
            }
        }
        return new RuntimeSamples(n, f, stage, raw, int8, classes, targets);
    }
}

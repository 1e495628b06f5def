package dev.downhill.trainer.quantize;

import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.Task;

/**
 * Measures an int8 {@code .dhm} against the float model it came from on labelled data, running the
 * int8 side in tiny-runtime's {@link Interpreter} (through the model's raw input stage when it has
 * one, on readings in the model's {@link RawUnits}, otherwise as a device driver would:
 * {@link FeatureQuantizer}). The float side sees the values as written.
 */
public final class Int8Evaluation {

    private Int8Evaluation() {
    }

    /**
     * @param units the units of the model's raw readings (from its metadata; ignored when it has no input
     *     stage): each value is read as a device would, rounded to its unit and saturated to int16
     */
    public static Int8VsFloat.Result run(byte[] dhm, TrainerFloatNetwork network, Dataset data, RawUnits units) {
        Model model = Model.load(dhm);
        Interpreter interpreter = new Interpreter(model);
        int outputLayer = model.layerCount() - 1;
        TensorQuantization output = new TensorQuantization(Float.intBitsToFloat(ModelFields.layerOutputScaleBits(model, outputLayer)),
                model.outputZeroPoint());
        FeatureQuantizer driver = FeatureQuantizer.of(network.model().standardizer(), model);
        boolean classify = network.model().task() == Task.CLASSIFY;
        Int8VsFloat compare = classify ? Int8VsFloat.classification(output) : Int8VsFloat.regression(output);
        int features = data.featureCount();
        if (model.hasInputStage() && units.features() != features) {
            throw new IllegalArgumentException(units.features() + " raw units for " + features + " features");
        }
        double[] row = new double[features];
        int[] raw = new int[features];
        byte[] int8In = new byte[features];
        byte[] out = new byte[model.outputSize()];
        for (int r = 0; r < data.size(); r++) {
            for (int f = 0; f < features; f++) {
                row[f] = data.feature(r, f);
            }
            if (model.hasInputStage()) {
                for (int f = 0; f < features; f++) {
                    raw[f] = units.toRaw(f, row[f]);
                }
                interpreter.invoke(raw, 0);
            } else {
                driver.quantize(row, int8In, 0);
                interpreter.setInput(int8In, 0);
                interpreter.invoke();
            }
            interpreter.copyOutput(out, 0);
            double[] reference = network.outputs(row);
            if (classify) {
                compare.addClassified(data.classOf(r), reference, out);
            } else {
                compare.addRegressed(data.targetOf(r), reference[0], out[0], network.model().targetScaling()::restore);
            }
        }
        return compare.result();
    }
}

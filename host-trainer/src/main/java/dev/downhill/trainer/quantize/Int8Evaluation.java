package dev.downhill.trainer.quantize;

import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.Task;

/**
 * Measures an int8 {@code .dhm} against the float model it came from on labelled data, running the
 * int8 side in tiny-runtime's {@link Interpreter} (through the model's raw input stage when it has
 * one, otherwise as a device driver would: {@link FeatureQuantizer}).
 */
public final class Int8Evaluation {

    private Int8Evaluation() {
    }

    /**
     * @throws IllegalArgumentException if the model has a raw input stage and a feature value is
     *     not an integer, naming the row and feature
     */
    public static Int8VsFloat.Result run(byte[] dhm, TrainerFloatNetwork network, Dataset data) {
        Model model = Model.load(dhm);
        Interpreter interpreter = new Interpreter(model);
        int outputLayer = model.layerCount() - 1;
        TensorQuantization output = new TensorQuantization(Float.intBitsToFloat(ModelFields.layerOutputScaleBits(model, outputLayer)),
                model.outputZeroPoint());
        FeatureQuantizer driver = FeatureQuantizer.of(network.model().standardizer(), model);
        boolean classify = network.model().task() == Task.CLASSIFY;
        Int8VsFloat compare = classify ? Int8VsFloat.classification(output) : Int8VsFloat.regression(output);
        int features = data.featureCount();
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
                    if (row[f] != Math.rint(row[f])) {
                        throw new IllegalArgumentException(data.source() + ": row " + (r + 1) + ", feature '"
                                + data.featureNames().get(f) + "' is " + row[f]
                                + "; the model's input stage takes raw integers");
                    }
                    raw[f] = (int) row[f];
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

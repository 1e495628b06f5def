package dev.downhill.trainer.adapt;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.format.ModelFields;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.quantize.TensorQuantization;

/**
 * What the samples of an {@link AdaptationRun} are labelled with, and so how the model is taught and judged: class
 * ids for a classifier (a cross-entropy step, accuracy), or values in the target's own units for a regression model
 * with one output (a squared-error step, mean absolute error).
 *
 * <p>A regression target reaches the device as its driver would send it: standardised with the model's target
 * scaling, then quantised to the output's int8 units (the last layer's scale and zero point) and saturated to int8.
 * The float reference is the ideal and steps towards the real standardised target, unsaturated. Immutable.
 */
public final class Labels {

    private final int[] classes;                    // classifier: class ids; else null
    private final double[] values;                  // regression: targets in their own units; else null
    private final TargetScaling scaling;
    private final TensorQuantization output;
    private final byte[] int8;                      // regression: the targets in the output's int8 units
    private final int saturated;
    private final int firstSaturated;

    private Labels(int[] classes, double[] values, TargetScaling scaling, TensorQuantization output) {
        this.classes = classes;
        this.values = values;
        this.scaling = scaling;
        this.output = output;
        int n = values == null ? 0 : values.length;
        int8 = new byte[n];
        int count = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            double real = scaling.scale(values[i]);
            int q = output.quantize(real);
            int8[i] = (byte) q;
            // outside the output's range when the nearest int8 value is more than half a step away
            if (Math.abs(output.dequantize(q) - real) > output.scale() * 0.5000001) {
                count++;
                first = first < 0 ? i : first;
            }
        }
        saturated = count;
        firstSaturated = first;
    }

    /** A classifier's labels: class ids {@code 0..C-1}. */
    public static Labels classes(int[] ids) {
        return new Labels(ids.clone(), null, TargetScaling.IDENTITY, null);
    }

    /**
     * A regression model's targets.
     *
     * @param values  targets in their own units (the label column's)
     * @param model   the model: one output from a fully connected last layer, whose quantisation the device's int8
     *                targets take
     * @param scaling the model's target standardisation ({@link TargetScaling#IDENTITY} for a model without metadata)
     * @throws IllegalArgumentException if the model is not a one-output regression model
     */
    public static Labels targets(double[] values, Model model, TargetScaling scaling) {
        int last = model.layerCount() - 1;
        if (!model.isFullyConnected(last) || model.outputSize() != 1) {
            throw new IllegalArgumentException("regression targets need one output from a fully connected last layer");
        }
        TensorQuantization output = new TensorQuantization(
                Float.intBitsToFloat(ModelFields.layerOutputScaleBits(model, last)), model.outputZeroPoint());
        return new Labels(null, values.clone(), scaling, output);
    }

    /** True for regression targets, false for class ids. */
    public boolean isRegression() {
        return values != null;
    }

    public int size() {
        return values != null ? values.length : classes.length;
    }

    /** How many targets lie beyond the output's range and reach the device saturated to int8 (0 for classes). */
    public int saturatedTargets() {
        return saturated;
    }

    /** Index of the first saturated target, or -1. */
    public int firstSaturatedTarget() {
        return firstSaturated;
    }

    /** Sample {@code i}'s target as the device gets it: int8, in the output's units. */
    public byte int8Target(int i) {
        return int8[i];
    }

    /** The smallest target value the output can represent, in the target's units (regression only). */
    public double lowestTarget() {
        return scaling.restore(output.dequantize(-128));
    }

    /** The largest target value the output can represent, in the target's units (regression only). */
    public double highestTarget() {
        return scaling.restore(output.dequantize(127));
    }

    /**
     * One device step on sample {@code i}: on its raw readings, or on its int8 input tensor when {@code int8Input} is
     * not null (a model without an input stage). Returns the {@link Adapter} outcome.
     */
    int step(Adapter adapter, int[] raw, byte[] int8Input, int i) {
        if (values != null) {
            return int8Input == null ? adapter.stepTowards(raw, 0, int8, i) : adapter.stepTowards(int8Input, 0, int8, i);
        }
        return int8Input == null ? adapter.step(raw, 0, classes[i]) : adapter.step(int8Input, 0, classes[i]);
    }

    /** One float reference step on sample {@code i} with input values {@code x}. */
    void step(FloatAdaptationReference reference, int[] x, int i) {
        if (values != null) {
            reference.stepTowards(x, new double[] {scaling.scale(values[i])});
        } else {
            reference.step(x, classes[i]);
        }
    }

    /** What the interpreter, just invoked, predicts: a class id, or a value in the target's units. */
    double predicted(Interpreter in) {
        return values != null ? scaling.restore(output.dequantize(in.output(0))) : in.argMax();
    }

    /** What the float reference predicts for {@code x}: a class id, or a value in the target's units. */
    double predicted(FloatAdaptationReference reference, int[] x) {
        return values != null ? scaling.restore(reference.predict(x)[0]) : reference.classify(x);
    }

    /** The score of {@code predicted[i]} against these labels. */
    AdaptationRun.Score score(double[] predicted) {
        int n = size();
        if (values == null) {
            int correct = 0;
            for (int i = 0; i < n; i++) {
                correct += predicted[i] == classes[i] ? 1 : 0;
            }
            return AdaptationRun.Score.accuracy((double) correct / n);
        }
        double absolute = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - values[i];
            absolute += Math.abs(e);
            squares += e * e;
        }
        return AdaptationRun.Score.errors(absolute / n, Math.sqrt(squares / n));
    }
}

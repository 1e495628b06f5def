package dev.downhill.trainer.quantize;

/**
 * Accumulates how an int8 model compares with its float original on the same samples: each one's
 * metric (accuracy for classifiers, RMSE for regressors), the share of samples whose predictions
 * agree, and the largest output difference measured in int8 steps of the output tensor.
 *
 * <p>The int8 side must come from tiny-runtime's Interpreter, never from a host imitation: these
 * are the figures {@code downhill quantize} prints and the model card records.
 */
public final class Int8VsFloat {

    private final boolean classification;
    private final TensorQuantization output;
    private int samples;
    private int floatCorrect;
    private int int8Correct;
    private int agreeing;
    private double floatSquaredError;
    private double int8SquaredError;
    private double maxSteps;

    private Int8VsFloat(boolean classification, TensorQuantization output) {
        this.classification = classification;
        this.output = output;
    }

    /** For a classifier whose int8 output is quantised as {@code output} (softmax: 1/256, −128). */
    public static Int8VsFloat classification(TensorQuantization output) {
        return new Int8VsFloat(true, output);
    }

    /** For a regressor whose single int8 output is quantised as {@code output}. */
    public static Int8VsFloat regression(TensorQuantization output) {
        return new Int8VsFloat(false, output);
    }

    /**
     * Adds one classified sample.
     *
     * @param floatOutputs the float model's outputs in the same units as the int8 tensor
     *     (probabilities if the int8 model ends in softmax)
     * @param int8Outputs the runtime's int8 outputs
     */
    public void addClassified(int label, double[] floatOutputs, byte[] int8Outputs) {
        requireClassification(true);
        int f = 0;
        int q = 0;
        for (int c = 0; c < floatOutputs.length; c++) {
            f = floatOutputs[c] > floatOutputs[f] ? c : f;
            q = int8Outputs[c] > int8Outputs[q] ? c : q; // first maximum, as the runtime's argMax
            maxSteps = Math.max(maxSteps, steps(floatOutputs[c], int8Outputs[c]));
        }
        samples++;
        floatCorrect += f == label ? 1 : 0;
        int8Correct += q == label ? 1 : 0;
        agreeing += f == q ? 1 : 0;
    }

    /**
     * Adds one regression sample.
     *
     * @param floatOutput the float model's output in the int8 tensor's units (before any target
     *     rescaling)
     * @param restore maps output units to target units (the trainer's target scaling)
     */
    public void addRegressed(double target, double floatOutput, byte int8Output,
            java.util.function.DoubleUnaryOperator restore) {
        requireClassification(false);
        double s = steps(floatOutput, int8Output);
        maxSteps = Math.max(maxSteps, s);
        samples++;
        double fe = restore.applyAsDouble(floatOutput) - target;
        double qe = restore.applyAsDouble(output.dequantize(int8Output)) - target;
        floatSquaredError += fe * fe;
        int8SquaredError += qe * qe;
        // "Agree" for a regressor: the int8 output is within one output step of the float one.
        agreeing += s <= 1 ? 1 : 0;
    }

    private double steps(double floatValue, byte int8Value) {
        return Math.abs(output.dequantize(int8Value) - floatValue) / output.scale();
    }

    private void requireClassification(boolean expected) {
        if (classification != expected) {
            throw new IllegalStateException("this comparison is for " + (classification ? "classification" : "regression"));
        }
    }

    /** The comparison so far. */
    public Result result() {
        if (samples == 0) {
            throw new IllegalStateException("no samples compared");
        }
        double floatMetric = classification ? (double) floatCorrect / samples : Math.sqrt(floatSquaredError / samples);
        double int8Metric = classification ? (double) int8Correct / samples : Math.sqrt(int8SquaredError / samples);
        return new Result(classification ? "accuracy" : "rmse", samples, floatMetric, int8Metric,
                (double) agreeing / samples, maxSteps);
    }

    /**
     * @param metric {@code "accuracy"} (a share, 0..1) or {@code "rmse"} (target units)
     * @param samples the number of samples compared
     * @param floatValue the float model's metric
     * @param int8Value the int8 model's metric
     * @param agreement share of samples whose predictions agree
     * @param maxOutputStepDifference largest |int8 − float| output difference in int8 steps
     */
    public record Result(String metric, int samples, double floatValue, double int8Value, double agreement,
            double maxOutputStepDifference) {

        /** Float minus int8 accuracy in percentage points (positive = int8 lost accuracy); NaN for RMSE. */
        public double accuracyLossPoints() {
            return metric.equals("accuracy") ? 100 * (floatValue - int8Value) : Double.NaN;
        }
    }
}

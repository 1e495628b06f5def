package dev.downhill.trainer.adapt;

import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.Guards;
import dev.downhill.runtime.adapt.InputShiftDetector;
import dev.downhill.runtime.adapt.TrainableSet;
import dev.downhill.runtime.kernels.Activation;
import dev.downhill.runtime.kernels.InputQuantizer;

/**
 * The adaptation of tiny-runtime's {@link Adapter}, in double precision on the dequantised model: the trusted
 * peer the fixed-point path is judged against (same trainable subset, samples, order, schedule, guards).
 *
 * <p>Dequantisation: weights {@code S_w[k]·w}, biases {@code S_in·S_w[k]·b}, and the input stage read as
 * {@code u_f = (x' − μ_f) · S_in·2^k·M_f·2^(s_f−31)} with {@code μ_f = offset_f/2^k} and the input gain scaling
 * about the mean, {@code x' = a_f·(x − μ_f + c_f) + μ_f}. Activations stay
 * real (no int8 rounding or clamping): this is the ideal the integer path approximates. Updates are the same
 * formulas as {@code FixedPointSgd} (clip, momentum, rate from the recipe's schedule), gains clamped to
 * [1/16, 16] as on the device. Not thread-safe.
 */
public final class FloatAdaptationReference {

    private final AdaptationRecipe recipe;
    private final int layers;                 // fully connected layers
    private final int[] sizes;
    private final int[] activation;
    private final double[][][] w0;
    private final double[][] b0;
    private final double[][][] w;
    private final double[][] b;
    private final double[][] vb;
    private final double[][] vw;
    private final double[][] gbSum;
    private final double[][] gwSum;
    private final boolean softmax;
    private final double beta;
    private final double[] mean;
    private final double[] slope;             // du/dx'
    private final double[] gain;
    private final double[] shift;
    private final double[] vGain;
    private final double[] vShift;
    private final double[] gGainSum;
    private final double[] gShiftSum;
    private final double[][] act;
    private final double[][] delta;
    // guards
    private final int[][] ringRaw;
    private final int[] ringLabel;
    private final double[] ringLoss;
    private int ringSize;
    private int ringNewest = -1;
    private int replayCursor;
    private final boolean[] window;
    private int windowFilled;
    private int windowNext;
    private int agreements;
    /** Guard (b): per predicted class, the latest confidently contradicting label (-1: none) and its run. */
    private final int[] latestContradiction;
    private final int[] contradictionRepeats;
    private final int contradictionsSkippedBeforeTrust;
    /** Guard (d): the runtime's own integer detector, so that both take the same decision on the same int8 statistic. */
    private final InputShiftDetector inputShift;
    private int step;
    private int inBatch;

    /** Dequantises {@code model} and prepares the adaptation {@code recipe}. */
    public FloatAdaptationReference(Model model, AdaptationRecipe recipe) {
        this.recipe = recipe;
        int n = model.layerCount();
        softmax = !model.isFullyConnected(n - 1);
        layers = softmax ? n - 1 : n;
        sizes = new int[layers + 1];
        activation = new int[layers];
        w0 = new double[layers][][];
        b0 = new double[layers][];
        sizes[0] = model.inputSize();
        double sIn = Float.intBitsToFloat(ModelFields.inputScaleBits(model));
        for (int l = 0; l < layers; l++) {
            int out = model.layerOutputSize(l);
            int in = model.layerInputSize(l);
            sizes[l + 1] = out;
            activation[l] = ModelFields.activation(model, l);
            w0[l] = new double[out][in];
            b0[l] = new double[out];
            for (int k = 0; k < out; k++) {
                double sw = Float.intBitsToFloat(ModelFields.weightScaleBits(model, l, ModelFields.weightScaleCount(model, l) == 1 ? 0 : k));
                for (int j = 0; j < in; j++) {
                    w0[l][k][j] = sw * model.weight(l, k, j);
                }
                b0[l][k] = sIn * sw * model.bias(l, k);
            }
            sIn = Float.intBitsToFloat(ModelFields.layerOutputScaleBits(model, l));
        }
        beta = softmax ? Float.intBitsToFloat(ModelFields.softmaxBetaBits(model, n - 1)) : 1;
        int f = sizes[0];
        mean = new double[f];
        slope = new double[f];
        InputQuantizer stage = model.inputStage();
        double inputScale = Float.intBitsToFloat(ModelFields.inputScaleBits(model));
        for (int i = 0; i < f; i++) {
            if (stage != null) {
                mean[i] = Math.scalb((double) stage.offset(i), -stage.preShift());
                slope[i] = inputScale * Math.scalb((double) stage.multiplier(i), stage.shift(i) + stage.preShift() - 31);
            } else {
                // no input stage: "raw" values are the int8 input itself
                mean[i] = model.inputZeroPoint();
                slope[i] = inputScale;
            }
        }
        w = new double[layers][][];
        b = new double[layers][];
        vb = new double[layers][];
        vw = new double[layers][];
        gbSum = new double[layers][];
        gwSum = new double[layers][];
        act = new double[layers + 1][];
        delta = new double[layers + 1][];
        act[0] = new double[f];
        delta[0] = new double[f];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[sizes[l + 1]][];
            b[l] = new double[sizes[l + 1]];
            vb[l] = new double[sizes[l + 1]];
            gbSum[l] = new double[sizes[l + 1]];
            vw[l] = new double[sizes[l + 1] * sizes[l]];
            gwSum[l] = new double[sizes[l + 1] * sizes[l]];
            act[l + 1] = new double[sizes[l + 1]];
            delta[l + 1] = new double[sizes[l + 1]];
        }
        gain = new double[f];
        shift = new double[f];
        vGain = new double[f];
        vShift = new double[f];
        gGainSum = new double[f];
        gShiftSum = new double[f];
        ringRaw = new int[recipe.ring()][];
        ringLabel = new int[recipe.ring()];
        ringLoss = new double[recipe.ring()];
        window = new boolean[recipe.window()];
        latestContradiction = new int[model.outputSize()];
        java.util.Arrays.fill(latestContradiction, -1);
        contradictionRepeats = new int[model.outputSize()];
        contradictionsSkippedBeforeTrust = Guards.contradictionsSkippedBeforeTrust(model.outputSize());
        int g = recipe.guards();
        inputShift = (g & Guards.SKIP_CONFIDENT_CONTRADICTION) != 0 && (g & Guards.INPUT_SHIFT_LIFTS_SKIP) != 0
                && model.hasInputStage() ? new InputShiftDetector(model, recipe.toAdapterConfig().inputShiftThresholdQ24())
                : null;
        reset();
    }

    /** Back to the dequantised factory parameters. */
    public void reset() {
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < sizes[l + 1]; k++) {
                w[l][k] = w0[l][k].clone();
            }
            b[l] = b0[l].clone();
            java.util.Arrays.fill(vb[l], 0);
            java.util.Arrays.fill(vw[l], 0);
            java.util.Arrays.fill(gbSum[l], 0);
            java.util.Arrays.fill(gwSum[l], 0);
        }
        java.util.Arrays.fill(gain, 1);
        java.util.Arrays.fill(shift, 0);
        java.util.Arrays.fill(vGain, 0);
        java.util.Arrays.fill(vShift, 0);
        java.util.Arrays.fill(gGainSum, 0);
        java.util.Arrays.fill(gShiftSum, 0);
        step = 0;
        inBatch = 0;
        if ((recipe.guards() & Guards.LOSS_CHECK) != 0) {
            for (int s = 0; s < ringSize; s++) {
                ringLoss[s] = loss(ringRaw[s], ringLabel[s]);
            }
        }
    }

    /** Outputs (probabilities after softmax, else the last layer's outputs) for a raw sample. */
    public double[] predict(int[] raw) {
        forward(raw);
        return output();
    }

    /** Index of the largest output. */
    public int classify(int[] raw) {
        double[] p = predict(raw);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Updates taken since construction or reset. */
    public int stepsTaken() {
        return step;
    }

    /** Input gain of feature f. */
    public double inputGain(int f) {
        return gain[f];
    }

    /** Input shift of feature f (raw units). */
    public double inputShift(int f) {
        return shift[f];
    }

    /** Real bias of fully connected layer l, channel k. */
    public double bias(int l, int k) {
        return b[l][k];
    }

    /** Real weight of fully connected layer l. */
    public double weight(int l, int k, int j) {
        return w[l][k][j];
    }

    // Package-private setters for the finite-difference gradient test.
    void setBias(int l, int k, double v) {
        b[l][k] = v;
    }

    void setWeight(int l, int k, int j, double v) {
        w[l][k][j] = v;
    }

    void setInput(int f, double gainValue, double shiftValue) {
        gain[f] = gainValue;
        shift[f] = shiftValue;
    }

    /** Natural-log cross-entropy of one sample under the current parameters. */
    double crossEntropy(int[] raw, int label) {
        return -Math.log(predict(raw)[label]);
    }

    /** One classification step; returns an {@link Adapter} outcome constant. */
    public int step(int[] raw, int label) {
        forward(raw);
        double[] p = output();
        int predicted = argMax(p);
        boolean inputMoved = inputShift != null && inputShift.observe(raw, 0);
        if ((recipe.guards() & Guards.AGREEMENT_MONITOR) != 0 && recordAgreement(predicted == label)) {
            reset();
            return Adapter.RESET_BY_MONITOR;
        }
        boolean skipGuard = (recipe.guards() & Guards.SKIP_CONFIDENT_CONTRADICTION) != 0;
        if (skipGuard && predicted == label) {
            latestContradiction[predicted] = -1;                    // an agreement ends the class's run
        } else if (skipGuard && !inputMoved && p[predicted] * 256 >= recipe.confident()
                && skipContradiction(predicted, label)) {
            return Adapter.SKIPPED_CONTRADICTION;
        }
        boolean check = (recipe.guards() & Guards.LOSS_CHECK) != 0 && ringSize > 0;
        Snapshot before = check ? new Snapshot() : null;
        gradientStep(raw, label, p);
        int outcome = Adapter.APPLIED;
        if (check) {
            double old = 0;
            double now = 0;
            double[] fresh = new double[ringSize];
            for (int s = 0; s < ringSize; s++) {
                old += ringLoss[s];
                fresh[s] = loss(ringRaw[s], ringLabel[s]);
                now += fresh[s];
            }
            if (now > old) {
                before.restore();
                outcome = Adapter.ROLLED_BACK;
                for (int s = 0; s < ringSize; s++) {
                    ringLoss[s] = loss(ringRaw[s], ringLabel[s]);
                }
            } else {
                System.arraycopy(fresh, 0, ringLoss, 0, ringSize);
            }
        }
        if (recipe.ring() > 0 && ((recipe.guards() & Guards.LOSS_CHECK) != 0 || recipe.replay() > 0)) {
            ringNewest = (ringNewest + 1) % recipe.ring();
            ringRaw[ringNewest] = raw.clone();
            ringLabel[ringNewest] = label;
            ringSize = Math.min(ringSize + 1, recipe.ring());
            if (check || (recipe.guards() & Guards.LOSS_CHECK) != 0) {
                ringLoss[ringNewest] = loss(raw, label);
            }
            for (int r = 0; r < recipe.replay() && outcome == Adapter.APPLIED; r++) {
                int slot = replayCursor % ringSize;
                replayCursor++;
                forward(ringRaw[slot]);
                gradientStep(ringRaw[slot], ringLabel[slot], output());
            }
            if (recipe.replay() > 0 && (recipe.guards() & Guards.LOSS_CHECK) != 0) {
                for (int s = 0; s < ringSize; s++) {
                    ringLoss[s] = loss(ringRaw[s], ringLabel[s]);
                }
            }
        }
        return outcome;
    }

    /** One regression step towards real targets (MSE). */
    public void stepTowards(int[] raw, double[] target) {
        forward(raw);
        double[] y = act[layers];
        double[] g = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            g[k] = y[k] - target[k];
        }
        backwardAndUpdate(raw, g);
    }

    private void gradientStep(int[] raw, int label, double[] p) {
        double[] g = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            g[k] = beta * (p[k] - (k == label ? 1 : 0));
        }
        backwardAndUpdate(raw, g);
    }

    private void backwardAndUpdate(int[] raw, double[] outputGradient) {
        double rate = recipe.rateAt(step);
        boolean apply = ++inBatch >= recipe.batch();
        // the device computes rate · anchor in Q8.24 and caps it at 1
        double pull = apply ? Math.min(1, rate * recipe.anchor()) : 0;
        double biasRate = rate * recipe.biasRate();
        int set = recipe.trainable();
        boolean biases = (set & TrainableSet.BIASES) != 0;
        boolean lastLayer = (set & TrainableSet.LAST_LAYER) != 0;
        boolean input = (set & TrainableSet.INPUT_AFFINE) != 0;
        System.arraycopy(outputGradient, 0, delta[layers], 0, outputGradient.length);
        for (int l = layers - 1; l >= 0; l--) {
            double[] d = delta[l + 1];
            // propagate with the weights before this step's update
            for (int j = 0; j < sizes[l]; j++) {
                double s = 0;
                for (int k = 0; k < sizes[l + 1]; k++) {
                    s += w[l][k][j] * d[k];
                }
                delta[l][j] = l == 0 ? s : s * derivative(activation[l - 1], act[l][j]);
            }
            if (lastLayer && l == layers - 1) {
                for (int k = 0; k < sizes[l + 1]; k++) {
                    for (int j = 0; j < sizes[l]; j++) {
                        int i = k * sizes[l] + j;
                        double nv = update(w[l][k][j], d[k] * act[l][j], vw[l], gwSum[l], i, biasRate, apply);
                        w[l][k][j] = nv - pull * (nv - w0[l][k][j]);
                    }
                }
            }
            if (biases || (lastLayer && l == layers - 1)) {
                for (int k = 0; k < sizes[l + 1]; k++) {
                    double nb = update(b[l][k], d[k], vb[l], gbSum[l], k, biasRate, apply);
                    b[l][k] = nb - pull * (nb - b0[l][k]);
                }
            }
        }
        if (input) {
            for (int f = 0; f < sizes[0]; f++) {
                int x = Math.max(-32768, Math.min(32767, raw[f]));
                double gc = delta[0][f] * slope[f];                              // dL/dx'
                double centred = x - mean[f] + shift[f];
                double gShift = gc * gain[f];
                shift[f] = update(shift[f], gShift, vShift, gShiftSum, f, rate * recipe.shiftRate(), apply);
                gain[f] = update(gain[f], gc * centred, vGain, gGainSum, f, rate * recipe.gainRate(), apply);
                if (apply) {
                    shift[f] -= pull * shift[f];
                    gain[f] -= pull * (gain[f] - 1);
                    gain[f] = Math.max(1.0 / 16, Math.min(16, gain[f]));
                }
            }
        }
        if (apply) {
            inBatch = 0;
            step++;
        }
    }

    private double update(double value, double gradient, double[] velocity, double[] sum, int i, double rate,
                          boolean apply) {
        double g = gradient;
        if (recipe.batch() > 1) {
            sum[i] += g;
            if (!apply) {
                return value;
            }
            g = sum[i] / recipe.batch();
            sum[i] = 0;
        }
        if (recipe.clip() > 0) {
            g = Math.max(-recipe.clip(), Math.min(recipe.clip(), g));
        }
        if (recipe.momentum() != 0) {
            velocity[i] = recipe.momentum() * velocity[i] + g;
            g = velocity[i];
        }
        return value - rate * g;
    }

    private static double derivative(int code, double y) {
        return switch (code) {
            case Activation.RELU -> y > 0 ? 1 : 0;
            case Activation.RELU6 -> y > 0 && y < 6 ? 1 : 0;
            case Activation.RELU_N1_TO_1 -> y > -1 && y < 1 ? 1 : 0;
            default -> 1;
        };
    }

    private static double activate(int code, double z) {
        return switch (code) {
            case Activation.RELU -> Math.max(0, z);
            case Activation.RELU6 -> Math.max(0, Math.min(6, z));
            case Activation.RELU_N1_TO_1 -> Math.max(-1, Math.min(1, z));
            default -> z;
        };
    }

    private void forward(int[] raw) {
        for (int f = 0; f < sizes[0]; f++) {
            int x = Math.max(-32768, Math.min(32767, raw[f]));
            act[0][f] = gain[f] * (x - mean[f] + shift[f]) * slope[f];       // x' − μ, x' = a·(x − μ + c) + μ
        }
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < sizes[l + 1]; k++) {
                double s = b[l][k];
                double[] row = w[l][k];
                for (int j = 0; j < sizes[l]; j++) {
                    s += row[j] * act[l][j];
                }
                act[l + 1][k] = activate(activation[l], s);
            }
        }
    }

    private double[] output() {
        double[] z = act[layers];
        if (!softmax) {
            return z.clone();
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(beta * (z[k] - max));
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** Cross-entropy in bits, as the device's guard measures it (probability floor 1/512). */
    private double loss(int[] raw, int label) {
        double p = predict(raw)[label];
        return -Math.log(Math.max(p, 1.0 / 512)) / Math.log(2);
    }

    private static int argMax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * Guard (b)'s rule, as the runtime's ContradictionMemory applies it: the first
     * {@link Guards#contradictionsSkippedBeforeTrust} identical confident contradictions of a predicted class in a
     * row (same label, no agreement on the class between) are skipped, the ones after them applied.
     */
    private boolean skipContradiction(int predicted, int label) {
        int trust = contradictionsSkippedBeforeTrust;
        int repeats = latestContradiction[predicted] == label ? Math.min(contradictionRepeats[predicted] + 1, trust) : 0;
        latestContradiction[predicted] = label;
        contradictionRepeats[predicted] = repeats;
        return repeats < trust;
    }

    private boolean recordAgreement(boolean agreed) {
        if (windowFilled == window.length && window[windowNext]) {
            agreements--;
        }
        window[windowNext] = agreed;
        agreements += agreed ? 1 : 0;
        windowNext = (windowNext + 1) % window.length;
        windowFilled = Math.min(windowFilled + 1, window.length);
        if (windowFilled == window.length && agreements < recipe.minAgreements()) {
            java.util.Arrays.fill(window, false);
            windowFilled = 0;
            windowNext = 0;
            agreements = 0;
            return true;
        }
        return false;
    }

    /** Parameters and velocities before a checked step. */
    private final class Snapshot {
        private final double[][][] sw = new double[layers][][];
        private final double[][] sb = new double[layers][];
        private final double[][] svb = new double[layers][];
        private final double[][] svw = new double[layers][];
        private final double[] sg = gain.clone();
        private final double[] ss = shift.clone();
        private final double[] svg = vGain.clone();
        private final double[] svs = vShift.clone();
        private final int sStep = step;

        Snapshot() {
            for (int l = 0; l < layers; l++) {
                sw[l] = new double[sizes[l + 1]][];
                for (int k = 0; k < sizes[l + 1]; k++) {
                    sw[l][k] = w[l][k].clone();
                }
                sb[l] = b[l].clone();
                svb[l] = vb[l].clone();
                svw[l] = vw[l].clone();
            }
        }

        void restore() {
            for (int l = 0; l < layers; l++) {
                for (int k = 0; k < sizes[l + 1]; k++) {
                    w[l][k] = sw[l][k].clone();
                }
                b[l] = sb[l].clone();
                vb[l] = svb[l].clone();
                vw[l] = svw[l].clone();
            }
            System.arraycopy(sg, 0, gain, 0, gain.length);
            System.arraycopy(ss, 0, shift, 0, shift.length);
            System.arraycopy(svg, 0, vGain, 0, vGain.length);
            System.arraycopy(svs, 0, vShift, 0, vShift.length);
            step = sStep;
        }
    }
}

package dev.downhill.trainer.quantize;

import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.Examples;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.nn.Activation;
import dev.downhill.trainer.nn.BatchBuffers;
import dev.downhill.trainer.nn.Dense;
import dev.downhill.trainer.nn.Loss;
import dev.downhill.trainer.nn.Mlp;
import dev.downhill.trainer.nn.Relu;
import dev.downhill.trainer.optim.Adam;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Quantisation-aware fine-tuning ({@code --qat-epochs N}): a few epochs of training in which the
 * forward pass sees what the int8 model will compute — weights snapped to their per-channel int8
 * grid, the input and every layer output snapped to the calibrated int8 grid of its tensor and
 * clipped to its range — while the backward pass uses the clipped straight-through estimator
 * ({@link FakeQuantizer}): gradients pass the rounding unchanged and stop where a value was clipped.
 * Updates go to float master weights, which are re-quantised for the next forward pass.
 *
 * <p>IMPLEMENTATION NOTES: the trainer's {@link Mlp#forward}/{@link Mlp#backward} cannot place the
 * fake quantisation between layers, so the loop below repeats their few lines around the same
 * {@link Dense} and {@link Relu} kernels. Adam at a small constant rate (fine-tuning, not training);
 * seeded shuffling, so runs are reproducible. Activation ranges stay those of the initial
 * calibration: the quantiser recalibrates on the tuned model afterwards.
 */
public final class QuantizationAwareTraining {

    /** Adam step size: small, because QAT only nudges an already trained model. */
    static final double LEARNING_RATE = 1e-4;
    static final int BATCH = 32;

    private QuantizationAwareTraining() {
    }

    /**
     * Fine-tunes a copy of {@code model} on {@code data} with the int8 grids of {@code calibrated}.
     *
     * @return a new float model (the input model is not changed), its provenance extended with
     *     {@code qatEpochs}
     */
    public static FloatModel fineTune(FloatModel model, QuantizedNetwork calibrated, Dataset data, int epochs, long seed) {
        Mlp master = model.network().copy();
        Mlp forward = master.copy();
        Mlp gradients = master.zerosLike();
        Examples examples = Examples.of(data, model.standardizer(), model.targetScaling());
        Loss loss = Loss.forExamples(examples);
        BatchBuffers buffers = new BatchBuffers(master, BATCH);
        int layers = master.layerCount();
        boolean[][][] passes = new boolean[layers][BATCH][];
        for (int l = 0; l < layers; l++) {
            for (int r = 0; r < BATCH; r++) {
                passes[l][r] = new boolean[master.layerOutputs(l)];
            }
        }
        Adam optimizer = Adam.adam(0);
        optimizer.init(master.parameterBlocks());
        int n = examples.count();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random shuffler = new Random(seed ^ 0x5157_4154L);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = shuffler.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < n; from += BATCH) {
                int rows = Math.min(BATCH, n - from);
                forward.copyParametersFrom(master);
                for (int l = 0; l < layers; l++) {
                    fakeQuantizeColumns(forward.weights(l), master.layerInputs(l), master.layerOutputs(l));
                }
                buffers.gather(examples, order, from, rows);
                snap(buffers.input(), rows, calibrated.input(), null);
                float[][] x = buffers.input();
                for (int l = 0; l < layers; l++) {
                    float[][] z = buffers.preActivation(l);
                    Dense.forward(x, forward.weights(l), forward.biases(l), z, rows);
                    float[][] a = buffers.postActivation(l);
                    if (master.activation(l) == Activation.RELU) {
                        Relu.forward(z, a, rows);
                    }
                    snap(a, rows, calibrated.layers().get(l).output(), passes[l]);
                    x = a;
                }
                loss.lossAndGradient(buffers.output(), rows, examples, order, from, buffers.outputGradient());
                gradients.fill(0);
                mask(buffers.outputGradient(), rows, passes[layers - 1]);
                for (int l = layers - 1; l >= 0; l--) {
                    float[][] in = l == 0 ? buffers.input() : buffers.postActivation(l - 1);
                    Dense.parameterGradients(in, buffers.delta(l), rows, gradients.weights(l), gradients.biases(l));
                    if (l > 0) {
                        float[][] dx = buffers.delta(l - 1);
                        Dense.inputGradient(buffers.delta(l), rows, forward.weights(l), buffers.transposedWeights(l), dx);
                        mask(dx, rows, passes[l - 1]);
                        if (master.activation(l - 1) == Activation.RELU) {
                            Relu.backward(dx, buffers.preActivation(l - 1), rows);
                        }
                    }
                }
                optimizer.step(master.parameterBlocks(), gradients.parameterBlocks(), LEARNING_RATE);
            }
        }
        Map<String, Object> provenance = new LinkedHashMap<>(model.provenance());
        provenance.put("qatEpochs", epochs);
        return new FloatModel(model.task(), model.featureNames(), model.labelColumn(), model.labels(),
                model.standardizer(), model.targetScaling(), master, provenance);
    }

    /** Snaps every value to its tensor's int8 grid; records where the gradient may pass. */
    private static void snap(float[][] values, int rows, TensorQuantization q, boolean[][] passes) {
        for (int r = 0; r < rows; r++) {
            float[] row = values[r];
            for (int i = 0; i < row.length; i++) {
                if (passes != null) {
                    passes[r][i] = FakeQuantizer.passesGradient(row[i], q);
                }
                row[i] = FakeQuantizer.activation(row[i], q);
            }
        }
    }

    private static void mask(float[][] gradient, int rows, boolean[][] passes) {
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < gradient[r].length; i++) {
                if (!passes[r][i]) {
                    gradient[r][i] = 0;
                }
            }
        }
    }

    /**
     * The trainer stores a layer's weights as {@code [input][output]}; an output channel is a column.
     * Copies each column out, fake-quantises it as {@link ChannelWeights} will, and writes it back.
     */
    private static void fakeQuantizeColumns(float[][] w, int inputs, int outputs) {
        float[] column = new float[inputs];
        for (int c = 0; c < outputs; c++) {
            for (int i = 0; i < inputs; i++) {
                column[i] = w[i][c];
            }
            FakeQuantizer.weightsInPlace(column, 0, 1, inputs);
            for (int i = 0; i < inputs; i++) {
                w[i][c] = column[i];
            }
        }
    }
}

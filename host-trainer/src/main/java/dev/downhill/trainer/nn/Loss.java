package dev.downhill.trainer.nn;

import dev.downhill.trainer.data.Examples;

/**
 * A loss over a mini-batch: one number saying how wrong the outputs are (the height), and optionally its
 * gradient with respect to the outputs (the slope), which {@link Mlp#backward} carries back to the weights.
 */
public interface Loss {
    /**
     * Mean loss of the first {@code rows} output rows (one row per example). Example {@code r} is
     * {@code order[from + r]}, or {@code from + r} when {@code order} is null.
     *
     * @param gradient if not null, receives dMeanLoss/dOutput (the {@code 1/rows} already applied)
     */
    double lossAndGradient(float[][] outputs, int rows, Examples examples, int[] order, int from,
                           float[][] gradient);

    /** Softmax cross-entropy for classification, mean squared error for regression. */
    static Loss forExamples(Examples examples) {
        return examples.isClassification() ? new SoftmaxCrossEntropy() : new MeanSquaredError();
    }
}

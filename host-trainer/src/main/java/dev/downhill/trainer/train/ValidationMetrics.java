package dev.downhill.trainer.train;

import dev.downhill.trainer.data.Examples;
import dev.downhill.trainer.nn.BatchBuffers;
import dev.downhill.trainer.nn.Loss;
import dev.downhill.trainer.nn.Mlp;

/**
 * Loss and headline metric of a network on a set of examples, computed in chunks of the buffers' capacity.
 *
 * @param loss   mean loss (the training loss function)
 * @param metric accuracy in [0, 1] for classification; RMSE in target units for regression
 */
public record ValidationMetrics(double loss, double metric) {
    /**
     * @param targetDeviation the regression target's standard deviation, to report RMSE in target units
     *                        (the network learns standardised targets); ignored for classification
     */
    public static ValidationMetrics compute(Mlp network, Examples examples, Loss loss, BatchBuffers buffers,
                                            double targetDeviation) {
        int n = examples.count();
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += buffers.capacity()) {
            int rows = Math.min(buffers.capacity(), n - from);
            buffers.gatherRange(examples, from, rows);
            network.forward(buffers, rows);
            float[][] out = buffers.output();
            lossSum += loss.lossAndGradient(out, rows, examples, null, from, null) * rows;
            if (examples.isClassification()) {
                for (int r = 0; r < rows; r++) {
                    if (argMax(out[r]) == examples.classOf(from + r)) {
                        correct++;
                    }
                }
            }
        }
        double meanLoss = lossSum / n;
        double metric = examples.isClassification() ? (double) correct / n
                : Math.sqrt(meanLoss) * targetDeviation;
        return new ValidationMetrics(meanLoss, metric);
    }

    /** Index of the largest value of {@code a}; the first one on ties. */
    public static int argMax(float[] a) {
        int best = 0;
        for (int c = 1; c < a.length; c++) {
            if (a[c] > a[best]) {
                best = c;
            }
        }
        return best;
    }
}

package dev.downhill.trainer.nn;

import dev.downhill.trainer.data.Examples;

/** Mean squared error {@code mean_r (out_r - y_r)^2} for a single regression output (PyTorch's MSELoss). */
public final class MeanSquaredError implements Loss {
    @Override
    public double lossAndGradient(float[][] outputs, int rows, Examples examples, int[] order, int from,
                                  float[][] gradient) {
        double total = 0;
        double scale = 2.0 / rows;
        for (int r = 0; r < rows; r++) {
            float y = examples.targetOf(order == null ? from + r : order[from + r]);
            double e = (double) outputs[r][0] - y;
            total += e * e;
            if (gradient != null) {
                gradient[r][0] = (float) (e * scale);
            }
        }
        return total / rows;
    }
}

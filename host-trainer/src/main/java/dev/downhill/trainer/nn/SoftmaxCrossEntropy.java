package dev.downhill.trainer.nn;

import dev.downhill.trainer.data.Examples;

/**
 * Softmax followed by cross-entropy, fused: {@code loss = log(sum_k exp(z_k)) - z_y}, gradient
 * {@code softmax(z) - onehot(y)}. Fusing avoids {@code log(0)} and is the numerically stable form (the row
 * maximum is subtracted before exponentiating). Sums run in double; the gradient is stored as float.
 * {@link StrictMath} keeps the result bit-identical on every JVM. Not thread-safe (one scratch row).
 */
public final class SoftmaxCrossEntropy implements Loss {
    private double[] exps = new double[0];

    @Override
    public double lossAndGradient(float[][] outputs, int rows, Examples examples, int[] order, int from,
                                  float[][] gradient) {
        int k = examples.classCount();
        if (exps.length < k) {
            exps = new double[k];
        }
        double total = 0;
        double scale = 1.0 / rows;
        for (int r = 0; r < rows; r++) {
            float[] z = outputs[r];
            int y = examples.classOf(order == null ? from + r : order[from + r]);
            float max = z[0];
            for (int c = 1; c < k; c++) {
                max = Math.max(max, z[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double e = StrictMath.exp(z[c] - max);
                exps[c] = e;
                sum += e;
            }
            total += StrictMath.log(sum) - (z[y] - max);
            if (gradient != null) {
                float[] g = gradient[r];
                double inv = scale / sum;
                for (int c = 0; c < k; c++) {
                    g[c] = (float) (exps[c] * inv - (c == y ? scale : 0));
                }
            }
        }
        return total / rows;
    }
}

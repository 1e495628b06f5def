package dev.downhill.trainer.nn;

/**
 * The fully connected layer {@code z = x W + b} as two static kernels over a mini-batch of rows.
 * {@code W} is stored input-major as one array per input: {@code w[i][j]} is the weight from input {@code i}
 * to output {@code j}; activations are one array per example row.
 *
 * <pre>
 * IMPLEMENTATION NOTES
 * Input-major rows make the hot loops (forward z[r][*] += x[r][i] * w[i][*] and the weight gradient
 * gw[i][*] += x[r][i] * delta[r][*]) unit-stride loops over the outputs with the same index into two
 * separate arrays. HotSpot's C2 (JDK 17) vectorises exactly that shape; with one flat array and two
 * different offsets it cannot rule out overlap and stays scalar (measured 2.0 vs 4.3 multiply-adds/ns
 * at length 32). That is why the network stores rows, not one flat parameter array.
 * Zero inputs are skipped: after a ReLU about half of the activations are exactly 0. Skipping 0 * w can
 * only change the sign of a zero sum, or hide an infinite weight, by which time the divergence guard has
 * stopped training. The input gradient dx[r][i] = sum_j delta[r][j] * w[i][j] would be a dot product (a serial
 * float reduction); it runs over a transposed copy of w instead, so it too is a unit-stride update loop.
 * Summation order is fixed by these loops, so results are bit-identical from run to run (Java float
 * arithmetic is strict IEEE 754 since Java 17, interpreted or compiled).
 * </pre>
 */
public final class Dense {
    private Dense() {
    }

    /**
     * {@code z[r][j] = b[j] + sum_i x[r][i] * w[i][j]} for the first {@code rows} rows.
     *
     * @param x inputs, {@code x[r]} has {@code w.length} values
     * @param z pre-activation outputs, overwritten; {@code z[r]} has {@code b.length} values
     */
    public static void forward(float[][] x, float[][] w, float[] b, float[][] z, int rows) {
        int inputs = w.length;
        int outputs = b.length;
        for (int r = 0; r < rows; r++) {
            float[] xr = x[r];
            float[] zr = z[r];
            System.arraycopy(b, 0, zr, 0, outputs);
            for (int i = 0; i < inputs; i++) {
                float xi = xr[i];
                if (xi == 0f) {
                    continue;
                }
                float[] wi = w[i];
                for (int j = 0; j < outputs; j++) {
                    zr[j] += xi * wi[j];
                }
            }
        }
    }

    /**
     * Accumulates the parameter gradients of a batch: {@code gw += x^T delta}, {@code gb += sum_r delta[r]}.
     *
     * @param delta dLoss/dz per row
     * @param gw    weight gradient, same shape as the weights; accumulated into, not cleared
     * @param gb    bias gradient; accumulated into
     */
    public static void parameterGradients(float[][] x, float[][] delta, int rows, float[][] gw, float[] gb) {
        int inputs = gw.length;
        int outputs = gb.length;
        for (int r = 0; r < rows; r++) {
            float[] xr = x[r];
            float[] dr = delta[r];
            for (int i = 0; i < inputs; i++) {
                float xi = xr[i];
                if (xi == 0f) {
                    continue;
                }
                float[] gi = gw[i];
                for (int j = 0; j < outputs; j++) {
                    gi[j] += xi * dr[j];
                }
            }
            for (int j = 0; j < outputs; j++) {
                gb[j] += dr[j];
            }
        }
    }

    /**
     * The gradient with respect to the inputs, {@code dx[r][i] = sum_j delta[r][j] * w[i][j]}.
     *
     * @param transposed scratch of shape {@code [outputs][inputs]}, overwritten with {@code w} transposed so
     *                   the inner loop is again a vectorisable unit-stride loop
     * @param dx         overwritten, one row of {@code inputs} values per example
     */
    public static void inputGradient(float[][] delta, int rows, float[][] w, float[][] transposed, float[][] dx) {
        int inputs = w.length;
        int outputs = transposed.length;
        for (int i = 0; i < inputs; i++) {
            float[] wi = w[i];
            for (int j = 0; j < outputs; j++) {
                transposed[j][i] = wi[j];
            }
        }
        for (int r = 0; r < rows; r++) {
            float[] dr = delta[r];
            float[] dxr = dx[r];
            java.util.Arrays.fill(dxr, 0f);
            for (int j = 0; j < outputs; j++) {
                float d = dr[j];
                float[] tj = transposed[j];
                for (int i = 0; i < inputs; i++) {
                    dxr[i] += d * tj[i];
                }
            }
        }
    }
}

package dev.downhill.trainer.nn;

/**
 * ReLU and its derivative over rows. The derivative at exactly 0 is taken as 0 (as PyTorch does); ReLU(-0.0) is
 * +0.0 and ReLU(NaN) is NaN.
 */
public final class Relu {
    private Relu() {
    }

    /** {@code a[r][k] = max(z[r][k], 0)} for the first {@code rows} rows. */
    public static void forward(float[][] z, float[][] a, int rows) {
        for (int r = 0; r < rows; r++) {
            float[] zr = z[r];
            float[] ar = a[r];
            for (int k = 0; k < zr.length; k++) {
                // Math.max vectorises (a ternary does not) and keeps NaN visible to the divergence guard.
                ar[k] = Math.max(zr[k], 0f);
            }
        }
    }

    /** Turns dLoss/da into dLoss/dz in place: zero where {@code z <= 0}. */
    public static void backward(float[][] gradient, float[][] z, int rows) {
        for (int r = 0; r < rows; r++) {
            float[] gr = gradient[r];
            float[] zr = z[r];
            for (int k = 0; k < zr.length; k++) {
                if (!(zr[k] > 0f)) {
                    gr[k] = 0f;
                }
            }
        }
    }
}

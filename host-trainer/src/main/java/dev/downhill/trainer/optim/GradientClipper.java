package dev.downhill.trainer.optim;

/**
 * Gradient-norm clipping: if the global L2 norm of the gradient exceeds {@code maxNorm}, the whole gradient is
 * scaled down to that norm (direction kept), like PyTorch's {@code clip_grad_norm_}. Called between the
 * backward pass and {@link Optimizer#step}.
 */
public final class GradientClipper {
    private final double maxNorm;

    /** @param maxNorm largest allowed norm, > 0 */
    public GradientClipper(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clip norm must be a finite number > 0, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    /** Clips {@code grads} in place; returns the global norm before clipping. */
    public double clip(float[][] grads) {
        double squares = 0;
        for (float[] block : grads) {
            for (float g : block) {
                squares += (double) g * g;
            }
        }
        double norm = Math.sqrt(squares);
        if (norm > maxNorm) {
            float factor = (float) (maxNorm / (norm + 1e-6));
            for (float[] block : grads) {
                for (int k = 0; k < block.length; k++) {
                    block[k] *= factor;
                }
            }
        }
        return norm;
    }

    public double maxNorm() {
        return maxNorm;
    }
}

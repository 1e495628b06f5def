package dev.downhill.runtime.adapt;

/**
 * Gradient of the mean-squared error {@code ½ Σ (y_k − t_k)^2} with respect to the real outputs, for regression
 * models whose last layer is fully connected: {@code S_out · (q_k − t_k)}, with the target given in the same
 * int8 units as the output. Returned in Q15.16. Allocation-free.
 */
final class MseGradient {

    private MseGradient() {
    }

    /**
     * Writes {@code n} gradients (Q15.16) into {@code delta[0..n)}.
     *
     * @param outputScaleQ16 packed {@code S_out · 2^16} (see {@link Adapter})
     */
    static void compute(byte[] output, int offset, byte[] target, int targetOffset, int n, long outputScaleQ16,
                        int[] delta) {
        for (int k = 0; k < n; k++) {
            delta[k] = ScaleMath.apply(output[offset + k] - target[targetOffset + k], outputScaleQ16);
        }
    }
}

package dev.downhill.runtime.adapt;

/**
 * Gradient of softmax cross-entropy with respect to the real logits, from the int8 softmax output: probabilities
 * minus the one-hot label. The softmax output has scale 1/256 and zero point -128, so {@code p_k = (q_k + 128) /
 * 256} and the gradient is {@code (q_k + 128 - 256·[k == label]) / 256}, returned in Q15.16. Allocation-free.
 */
final class CrossEntropyGradient {

    private CrossEntropyGradient() {
    }

    /**
     * Writes {@code n} gradients (Q15.16) into {@code delta[0..n)}.
     *
     * @param probabilities int8 softmax output (scale 1/256, zero point -128)
     * @param label         the true class, {@code 0 <= label < n}
     */
    static void compute(byte[] probabilities, int offset, int n, int label, int[] delta) {
        for (int k = 0; k < n; k++) {
            int p = probabilities[offset + k] + 128;                     // probability in 1/256
            delta[k] = (p - (k == label ? 256 : 0)) << 8;                // (1/256) -> Q16
        }
    }
}

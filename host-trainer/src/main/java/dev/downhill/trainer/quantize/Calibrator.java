package dev.downhill.trainer.quantize;

/**
 * Watches the float values one tensor takes on representative data and proposes the real range its
 * int8 quantisation should cover.
 *
 * <p>Call order: {@code observe*} (once per sample, any number of times) → {@link #range()}
 * (any number of times; observing more afterwards is allowed). One calibrator per tensor.
 */
public interface Calibrator {

    /** Records the values of the tensor for one sample (or a batch, flattened). */
    void observe(double[] values);

    /**
     * The real range to quantise. It always contains 0, because an int8 tensor must represent 0
     * exactly (the zero point), so {@code min ≤ 0 ≤ max}.
     *
     * @throws IllegalStateException if nothing was observed
     */
    CalibrationRange range();
}

package dev.downhill.runtime.kernels;

/**
 * Load-time constants of one int8-input SOFTMAX (TFLM's {@code SoftmaxParams}): the row length and the
 * input scaling {@code beta · S_in · 2^26 ≈ M · 2^(leftShift - 31)} that turns input differences into Q5.26.
 * {@code diffMin} is derived here exactly as TFLM's {@code CalculateInputRadius(5, leftShift, 31)}:
 * {@code -floor(31 · 2^26 / 2^leftShift)}.
 *
 * <p>Valid ranges (checked by {@code Model.load}; the constructor trusts its caller and checks nothing): {@code 1 <= depth <= MAX_DEPTH}; multiplier in
 * [2^30, 2^31-1]; leftShift in [0, 31].
 */
public final class SoftmaxParams {

    /**
     * Longest row. It keeps the Q12.19 sum of exponentials below 2^28, so the final int8 shift
     * {@code bitsOverUnit + 23} never exceeds 31 (TFLM requires it) and the int32 sum cannot overflow.
     */
    public static final int MAX_DEPTH = 511;

    final int depth;
    final int inputMultiplier;
    final int inputLeftShift;
    final int diffMin;

    /**
     * @param depth           row length (softmax runs along the last dimension)
     * @param inputMultiplier M of QuantizeMultiplier(min(beta · S_in · 2^26, 2^31 - 1))
     * @param inputLeftShift  its (non-negative) shift
     */
    public SoftmaxParams(int depth, int inputMultiplier, int inputLeftShift) {
        this.depth = depth;
        this.inputMultiplier = inputMultiplier;
        this.inputLeftShift = inputLeftShift;
        this.diffMin = (int) -((31L << 26) >> inputLeftShift);
    }

    /** {@return row length} */
    public int depth() {
        return depth;
    }

    /** {@return input scaling multiplier M} */
    public int inputMultiplier() {
        return inputMultiplier;
    }

    /** {@return input scaling left shift} */
    public int inputLeftShift() {
        return inputLeftShift;
    }

    /** {@return the most negative {@code x - max(row)} that still contributes; smaller differences output the minimum} */
    public int diffMin() {
        return diffMin;
    }
}

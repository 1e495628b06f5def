package dev.downhill.runtime.kernels;

import dev.downhill.runtime.fixedpoint.FixedPoint;

/**
 * int8-input SOFTMAX along one row, bit-exact with TFLM's reference kernel (docs/int8-arithmetic.md §7).
 * int8 output has scale 1/256 and zero point -128; the int16 variant has scale 1/65536 and zero point -32768.
 * Input and output may be the same array region (the whole row is read before anything is written).
 * Allocates nothing: the caller lends {@code p.depth()} ints of scratch.
 */
public final class Softmax {

    /* IMPLEMENTATION NOTES
     * Three passes per row, as TFLM: max; exp of every difference in Q0.31 and their sum in Q12.19; output.
     * TFLM recomputes exp in the third pass to stay free of scratch memory; here each exp is computed once into
     * the caller's scratch (the interpreter's arena holds it), which halves the kernel's work. The bits are the
     * same: the third pass reads exactly the value TFLM recomputes. An element below diffMin stores exp 0, which
     * adds 0 to the sum and outputs the minimum, as TFLM's skipped elements do.
     *
     * The gemmlowp helpers are written out inline (their operands here never reach the one saturating case of
     * SRDHM, and RDBPOT sees only non-negative values, so its threshold is constant): under an interpreter such
     * as -Xint a static call costs as much as a dozen arithmetic bytecodes. SoftmaxTest checks this kernel
     * against a direct transcription of TFLM's loop over FixedPoint and FixedPoint.
     */

    private static final int ACCUMULATION_INTEGER_BITS = 12;

    private Softmax() {
    }

    /**
     * One row of {@code p.depth()} int8 inputs to int8 probabilities (scale 1/256, zero point -128).
     *
     * @param p the operator's load-time parameters
     * @param input holds the int8 logits
     * @param inputOffset where they start in {@code input}
     * @param output receives the probabilities
     * @param outputOffset where they go in {@code output}
     * @param scratchOffset where the working space starts in {@code scratch}
     * @param scratch {@code p.depth()} ints from {@code scratchOffset}, overwritten
     */
    public static void eval(SoftmaxParams p, byte[] input, int inputOffset, byte[] output, int outputOffset,
                            int[] scratch, int scratchOffset) {
        probabilities(p, input, inputOffset, scratch, scratchOffset, 8);
        for (int i = 0; i < p.depth; i++) {
            int v = scratch[scratchOffset + i] - 128;
            output[outputOffset + i] = (byte) (v > 127 ? 127 : v);
        }
    }

    /**
     * One row of {@code p.depth()} int8 inputs to int16 probabilities (scale 1/65536, zero point -32768).
     *
     * @param p the operator's load-time parameters
     * @param input holds the int8 logits
     * @param inputOffset where they start in {@code input}
     * @param output receives the probabilities
     * @param outputOffset where they go in {@code output}
     * @param scratchOffset where the working space starts in {@code scratch}
     * @param scratch {@code p.depth()} ints from {@code scratchOffset}, overwritten
     */
    public static void evalInt16(SoftmaxParams p, byte[] input, int inputOffset, short[] output, int outputOffset,
                                 int[] scratch, int scratchOffset) {
        probabilities(p, input, inputOffset, scratch, scratchOffset, 16);
        for (int i = 0; i < p.depth; i++) {
            int v = scratch[scratchOffset + i] - 32768;
            output[outputOffset + i] = (short) (v > 32767 ? 32767 : v);
        }
    }

    /** Leaves each element's probability in units of 2^-bits, in [0, 2^bits], in the scratch. */
    private static void probabilities(SoftmaxParams p, byte[] input, int inputOffset, int[] scratch,
                                      int scratchOffset, int bits) {
        final int depth = p.depth;
        final int end = inputOffset + depth;
        int max = -128;
        for (int i = inputOffset; i < end; i++) {
            if (input[i] > max) {
                max = input[i];
            }
        }
        // exp(beta · S_in · diff) in Q0.31; diff · 2^leftShift fits in int32 because diff >= diffMin
        final int diffMin = p.diffMin;
        final int leftShift = p.inputLeftShift;
        final long multiplier = p.inputMultiplier;
        int sum = 0;
        for (int i = 0, s = scratchOffset; i < depth; i++, s++) {
            int diff = input[inputOffset + i] - max;
            int e = 0;
            if (diff >= diffMin) {
                e = FixedPoint.expOnNegativeValues((int) (((diff << leftShift) * multiplier + (1L << 30)) >> 31));
                sum += (e >> ACCUMULATION_INTEGER_BITS) + ((e & 0xfff) > 0x7ff ? 1 : 0);
            }
            scratch[s] = e;
        }
        // sum >= 2^19 (the maximum's own term), in Q12.19; 1/sum as Q0.31 of the sum normalised to [1, 2)
        int headroom = Integer.numberOfLeadingZeros(sum);
        int recip = FixedPoint.oneOverOnePlusX((sum << headroom) - Integer.MIN_VALUE);
        int exponent = ACCUMULATION_INTEGER_BITS - headroom + 31 - bits;
        int mask = (1 << exponent) - 1;
        int half = mask >> 1;
        for (int s = scratchOffset; s < scratchOffset + depth; s++) {
            int x = (int) (((long) recip * scratch[s] + (1L << 30)) >> 31);
            scratch[s] = (x >> exponent) + ((x & mask) > half ? 1 : 0);
        }
    }
}

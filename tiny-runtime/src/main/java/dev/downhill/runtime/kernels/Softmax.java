package dev.downhill.runtime.kernels;

import dev.downhill.runtime.fixedpoint.FixedPoint;
import dev.downhill.runtime.fixedpoint.SoftmaxMath;

/**
 * int8-input SOFTMAX along one row, bit-exact with TFLM's reference kernel (docs/int8-arithmetic.md §7).
 * int8 output has scale 1/256 and zero point -128; the int16 variant has scale 1/65536 and zero point -32768.
 * Input and output may be the same array region (each element is read before it is written). Allocates nothing.
 */
public final class Softmax {

    /* IMPLEMENTATION NOTES
     * Three passes per row, as TFLM: max, sum of exp in Q12.19, then output. The exponential is recomputed in
     * the third pass instead of stored, which keeps the kernel free of scratch memory (TFLM does the same).
     */

    private static final int ACCUMULATION_INTEGER_BITS = 12;

    private Softmax() {
    }

    /** One row of {@code p.depth()} int8 inputs to int8 probabilities (scale 1/256, zero point -128). */
    public static void eval(SoftmaxParams p, byte[] input, int inputOffset, byte[] output, int outputOffset) {
        final int depth = p.depth;
        int max = -128;
        for (int i = 0; i < depth; i++) {
            int v = input[inputOffset + i];
            if (v > max) {
                max = v;
            }
        }
        int sum = sumOfExps(p, input, inputOffset, max);
        int bitsOverUnit = ACCUMULATION_INTEGER_BITS - Integer.numberOfLeadingZeros(sum);
        int recip = reciprocalOfSum(sum);
        int exponent = bitsOverUnit + 31 - 8;
        for (int i = 0; i < depth; i++) {
            int diff = input[inputOffset + i] - max;
            int out = -128;
            if (diff >= p.diffMin) {
                int e = scaledExp(p, diff);
                int unsat = FixedPoint.roundingDivideByPowerOfTwo(
                        FixedPoint.saturatingRoundingDoublingHighMul(recip, e), exponent) - 128;
                out = unsat > 127 ? 127 : (unsat < -128 ? -128 : unsat);
            }
            output[outputOffset + i] = (byte) out;
        }
    }

    /** One row of {@code p.depth()} int8 inputs to int16 probabilities (scale 1/65536, zero point -32768). */
    public static void evalInt16(SoftmaxParams p, byte[] input, int inputOffset, short[] output, int outputOffset) {
        final int depth = p.depth;
        int max = -128;
        for (int i = 0; i < depth; i++) {
            int v = input[inputOffset + i];
            if (v > max) {
                max = v;
            }
        }
        int sum = sumOfExps(p, input, inputOffset, max);
        int bitsOverUnit = ACCUMULATION_INTEGER_BITS - Integer.numberOfLeadingZeros(sum);
        int recip = reciprocalOfSum(sum);
        int exponent = bitsOverUnit + 31 - 16;
        for (int i = 0; i < depth; i++) {
            int diff = input[inputOffset + i] - max;
            int out = -32768;
            if (diff >= p.diffMin) {
                int e = scaledExp(p, diff);
                int unsat = FixedPoint.roundingDivideByPowerOfTwo(
                        FixedPoint.saturatingRoundingDoublingHighMul(recip, e), exponent) - 32768;
                out = unsat > 32767 ? 32767 : (unsat < -32768 ? -32768 : unsat);
            }
            output[outputOffset + i] = (short) out;
        }
    }

    /** Σ RDBPOT(exp(diff), 12) over contributing elements, in Q12.19; at least 2^19 (the maximum's term). */
    private static int sumOfExps(SoftmaxParams p, byte[] input, int inputOffset, int max) {
        int sum = 0;
        for (int i = 0; i < p.depth; i++) {
            int diff = input[inputOffset + i] - max;
            if (diff >= p.diffMin) {
                sum += FixedPoint.roundingDivideByPowerOfTwo(scaledExp(p, diff), ACCUMULATION_INTEGER_BITS);
            }
        }
        return sum;
    }

    /** exp(beta · S_in · diff) in Q0.31; {@code diff · 2^leftShift} fits in int32 because diff >= diffMin. */
    private static int scaledExp(SoftmaxParams p, int diff) {
        int scaled = FixedPoint.saturatingRoundingDoublingHighMul(diff << p.inputLeftShift, p.inputMultiplier);
        return SoftmaxMath.expOnNegativeValues(scaled);
    }

    /** 1/sum as Q0.31 of the sum normalised to [1, 2): TFLM's GetReciprocal. */
    private static int reciprocalOfSum(int sum) {
        int headroom = Integer.numberOfLeadingZeros(sum);
        int shiftedMinusOne = (sum << headroom) - Integer.MIN_VALUE;   // (sum << h) - 2^31 on 32 unsigned bits
        return SoftmaxMath.oneOverOnePlusX(shiftedMinusOne);
    }
}

package dev.downhill.runtime.kernels;

import dev.downhill.runtime.format.ModelFormat;
import dev.downhill.runtime.fixedpoint.FixedPoint;

/**
 * FULLY_CONNECTED exactly as TFLM's reference kernel writes it, without the folded bias or the inlined
 * requantisation of {@link FullyConnected}: the executable specification and the oracle the fast kernel is tested
 * against (tiny-runtime's FullyConnectedTest, conformance-tests' TFLM golden cases). Hosts and tests use it; no
 * inference code calls it, so a device does not need to hold it.
 */
public final class FullyConnectedReference {

    private FullyConnectedReference() {
    }

    /**
     * The reference formula, written as TFLM writes it: {@code acc = Σ (x + inputOffset)·w + bias}. Slower than
     * {@link FullyConnected#eval}; used by tests and as the specification. Allocates nothing.
     *
     * @param p             the operator's parameters
     * @param input         holds the int8 input row
     * @param inputOffset   where the row starts in {@code input}
     * @param weights       holds the {@code [C][D]} int8 weights
     * @param weightsOffset where they start in {@code weights}
     * @param bias          int32 bias, or {@code null} for an operator without bias
     * @param biasOffset    where it starts in {@code bias}
     * @param output        receives the C int8 outputs
     * @param outputOffset  where they go in {@code output}
     */
    public static void eval(FullyConnected p, byte[] input, int inputOffset, byte[] weights,
                            int weightsOffset, int[] bias, int biasOffset, byte[] output, int outputOffset) {
        for (int c = 0; c < p.outputDepth; c++) {
            int acc = 0;
            for (int d = 0; d < p.inputDepth; d++) {
                acc += weights[weightsOffset + c * p.inputDepth + d] * (input[inputOffset + d] + p.inputOffset);
            }
            if (bias != null) {
                acc += bias[biasOffset + c];
            }
            int y = (p.roundingMode == ModelFormat.FLAG_SINGLE_ROUNDING
                    ? FixedPoint.multiplyByQuantizedMultiplierSingleRounding(acc, p.multiplier(c), p.shift(c))
                    : p.roundingMode == ModelFormat.FLAG_HALF_UP
                    ? FixedPoint.multiplyByQuantizedMultiplierHalfUp(acc, p.multiplier(c), p.shift(c))
                    : FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(c), p.shift(c))) + p.outputOffset;
            output[outputOffset + c] = (byte) Math.min(Math.max(y, p.activationMin), p.activationMax);
        }
    }
}

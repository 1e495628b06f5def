package dev.downhill.trainer.tflite;

import java.util.List;

/**
 * A model as Downhill runs it: one int8 input vector, then a chain of int8 layers, each reading the
 * previous layer's output. It is what a .dhm file holds, in host-friendly form, and the meeting point
 * of the two directions: {@code .tflite -> TfliteGraph -> QuantizedChain -> .dhm} on import and
 * {@code .dhm -> QuantizedChain -> .tflite} on export.
 *
 * <p>All requantisation constants are already derived (TFLM's way) and stored next to the float32
 * scales they came from, so nothing needs re-deriving when the chain is written out either way.
 *
 * @param inputScale     scale of the int8 model input
 * @param inputZeroPoint zero point of the int8 model input
 * @param layers         the layers in execution order; at least one
 */
record QuantizedChain(float inputScale, int inputZeroPoint, List<Layer> layers) {

    QuantizedChain {
        layers = List.copyOf(layers);
    }

    /** One layer of the chain. */
    sealed interface Layer permits Dense, Softmax {
        /** Number of int8 values the layer reads. */
        int inputDepth();

        /** Number of int8 values the layer writes. */
        int outputDepth();

        float outputScale();

        int outputZeroPoint();
    }

    /**
     * int8 FULLY_CONNECTED. {@code multipliers}, {@code shifts} and {@code weightScales} have one entry
     * (per-tensor) or {@code outputDepth} entries (per-channel).
     *
     * @param activation    the fused activation code (TFLite numbering: 0 NONE, 1 RELU, 2 RELU_N1_TO_1, 3 RELU6)
     * @param activationMin lower clamp bound derived from the activation and the output quantisation
     * @param activationMax upper clamp bound
     * @param biases        {@code outputDepth} int32 biases (zeros when the layer has none)
     * @param weights       {@code outputDepth × inputDepth} int8 weights, row-major {@code [out][in]}
     */
    record Dense(int inputDepth, int outputDepth, boolean perChannel, int activation,
                 int inputZeroPoint, int outputZeroPoint, int activationMin, int activationMax,
                 float outputScale, float[] weightScales, int[] multipliers, int[] shifts,
                 int[] biases, byte[] weights) implements Layer {
    }

    /**
     * int8 SOFTMAX along the whole vector, int8 output with scale 1/256 and zero point -128.
     *
     * @param inputMultiplier M of QuantizeMultiplier(min(beta · S_in · 2^26, 2^31 − 1))
     * @param inputLeftShift  its shift (≥ 0)
     */
    record Softmax(int depth, int inputZeroPoint, float beta, int inputMultiplier, int inputLeftShift)
            implements Layer {

        /** The only int8 softmax output scale TFLM accepts. */
        static final float OUTPUT_SCALE = 1f / 256f;
        static final int OUTPUT_ZERO_POINT = -128;

        @Override
        public int inputDepth() {
            return depth;
        }

        @Override
        public int outputDepth() {
            return depth;
        }

        @Override
        public float outputScale() {
            return OUTPUT_SCALE;
        }

        @Override
        public int outputZeroPoint() {
            return OUTPUT_ZERO_POINT;
        }
    }
}

package dev.downhill.trainer.tflite;

/**
 * Imports an int8 TensorFlow Lite model as a Downhill .dhm model.
 *
 * <p>Supported: one chain of int8 FULLY_CONNECTED (per-tensor or per-channel weights; fused NONE,
 * RELU, RELU6, RELU_N1_TO_1) and int8 SOFTMAX layers, optionally with one QUANTIZE before and one
 * DEQUANTIZE after (they are dropped: the .dhm takes the int8 input and gives the int8 output,
 * whose scales it records). Requantisation multipliers are derived exactly as TFLite Micro derives
 * them, so the runtime's output is bit-identical to TFLM's.
 *
 * <p>Whatever the input bytes, the only exception is {@link TfliteImportException}:
 * {@link TfliteFormatException} for a corrupt or truncated file, {@link UnsupportedTfliteModelException}
 * listing everything Downhill cannot run.
 */
public final class TfliteImporter {

    private TfliteImporter() {
    }

    /** Parses and checks {@code tflite}, returning the chain of layers the .dhm will hold. */
    static QuantizedChain toChain(byte[] tflite) {
        return TfliteGraphConverter.convert(TfliteGraphReader.read(tflite));
    }
}

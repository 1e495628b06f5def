package dev.downhill.trainer.tflite;

import dev.downhill.trainer.quantize.Rounding;
import dev.downhill.trainer.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Imports an int8 TensorFlow Lite model as a Downhill .dhm model.
 *
 * <p>Supported: one chain of int8 FULLY_CONNECTED (per-tensor or per-channel weights; fused NONE,
 * RELU, RELU6, RELU_N1_TO_1) and int8 SOFTMAX layers (int8 output), one row per inference,
 * optionally with one QUANTIZE before and one DEQUANTIZE after. Those two are dropped: the .dhm
 * takes the int8 input and gives the int8 output, and records their scales and zero points.
 * Requantisation multipliers and clamp ranges are derived from the file's float32 scales exactly as
 * TFLite Micro derives them (docs/int8-arithmetic.md), so the runtime computes the same bits as TFLM.
 *
 * <p>Whatever the input bytes, the only exception is {@link TfliteImportException}:
 * {@link TfliteFormatException} for a corrupt or truncated file, {@link UnsupportedTfliteModelException}
 * listing everything Downhill cannot run.
 */
public final class TfliteImporter {

    private TfliteImporter() {
    }

    /**
     * Converts the bytes of a .tflite file into the bytes of an equivalent .dhm model.
     *
     * @throws TfliteImportException if the file is corrupt or uses something Downhill cannot run
     */
    public static byte[] toDhm(byte[] tflite) {
        return toDhm(tflite, Rounding.DOUBLE);
    }

    /**
     * Converts the bytes of a .tflite file into the bytes of an equivalent .dhm model that requantises with
     * {@code rounding} (the .tflite does not say: the TFLite build that runs it decides).
     *
     * @throws TfliteImportException if the file is corrupt or uses something Downhill cannot run
     */
    public static byte[] toDhm(byte[] tflite, Rounding rounding) {
        return DhmCodec.encode(toChain(tflite), rounding);
    }

    /**
     * Reads {@code tflite}, converts it to a .dhm that requantises with {@code rounding} and writes it to
     * {@code dhm} atomically (a temporary
     * file renamed into place): on any failure {@code dhm} is left as it was, never half-written.
     *
     * @return the .dhm bytes written
     * @throws TfliteImportException if the file is corrupt or uses something Downhill cannot run; its
     *     message starts with the file name
     * @throws IOException if {@code tflite} cannot be read or {@code dhm} cannot be written
     */
    public static byte[] importFile(Path tflite, Path dhm, Rounding rounding) throws IOException {
        byte[] model;
        try {
            model = toDhm(Files.readAllBytes(tflite), rounding);
        } catch (TfliteImportException e) {
            throw e.inFile(String.valueOf(tflite.getFileName()));
        }
        AtomicFileWriter.write(dhm, model);
        return model;
    }

    /** Parses and checks {@code tflite}, returning the chain of layers the .dhm will hold. */
    static QuantizedChain toChain(byte[] tflite) {
        return TfliteGraphConverter.convert(TfliteGraphReader.read(tflite));
    }
}

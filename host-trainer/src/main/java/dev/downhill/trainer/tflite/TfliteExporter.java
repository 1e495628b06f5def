package dev.downhill.trainer.tflite;

import dev.downhill.runtime.Model;
import dev.downhill.trainer.export.Provenance;
import dev.downhill.trainer.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a .dhm model as an int8 .tflite file (schema version 3) that opens in Netron and runs in the
 * TFLite and TFLite Micro interpreters: FULLY_CONNECTED with per-tensor or per-channel weights and its
 * fused activation, SOFTMAX with its beta, int8 input and output tensors carrying the model's scales
 * and zero points, int32 biases with scale {@code S_in · S_w}.
 *
 * <p>Guarantee: {@code TfliteImporter.toDhm(TfliteExporter.toTflite(dhm))} is the same model, so
 * TFLite and Downhill compute the same bits. The exporter checks this itself by re-importing what it
 * wrote and refuses ({@link TfliteExportException}) a model whose stored multipliers or clamp ranges
 * differ from what TFLite would derive from its stored scales. The .dhm's opaque metadata section, if
 * any, is not carried over (TFLite has no place Downhill reads back); an input stage is refused.
 */
public final class TfliteExporter {

    /** Operator versions written: int8 FULLY_CONNECTED is version 4 (as the TFLite converter writes it), int8 SOFTMAX 2. */
    static final int FULLY_CONNECTED_VERSION = 4;
    static final int SOFTMAX_VERSION = 2;

    private TfliteExporter() {
    }

    /**
     * The .tflite bytes of the .dhm model {@code dhm}.
     *
     * @throws dev.downhill.runtime.ModelFormatException if {@code dhm} is not a valid .dhm model
     * @throws TfliteExportException if the model cannot be expressed in TFLite with identical results
     */
    public static byte[] toTflite(byte[] dhm) {
        Model model = Model.load(dhm);
        if (model.hasInputStage()) {
            throw new TfliteExportException("the model has an input stage (raw sensor values to int8), which TFLite"
                    + " cannot express; make one without it with 'downhill quantize --no-input-stage' (it then takes"
                    + " the int8 values the stage would produce)");
        }
        QuantizedChain chain = DhmCodec.decode(model);
        byte[] tflite = TfliteGraphWriter.write(toGraph(chain), Provenance.generatorName());
        QuantizedChain reimported = TfliteImporter.toChain(tflite);
        String difference = firstDifference(chain, reimported);
        if (difference != null) {
            throw new TfliteExportException("TFLite would not run this model like Downhill does: " + difference);
        }
        return tflite;
    }

    /**
     * Writes the .tflite of {@code dhm} to {@code out} atomically (temporary file, then rename).
     *
     * @throws dev.downhill.runtime.ModelFormatException if {@code dhm} is not a valid .dhm model
     * @throws TfliteExportException if the model cannot be expressed in TFLite with identical results
     * @throws IOException if {@code out} cannot be written
     */
    public static void write(byte[] dhm, Path out) throws IOException {
        AtomicFileWriter.write(out, toTflite(dhm));
    }

    /** The TFLite graph of a chain: tensor 0 is the input, each layer adds its constants and its output. */
    static TfliteGraph toGraph(QuantizedChain chain) {
        List<TfliteGraph.Tensor> tensors = new ArrayList<>();
        List<TfliteGraph.Operator> ops = new ArrayList<>();
        int firstDepth = chain.layers().get(0).inputDepth();
        int current = addTensor(tensors, "input", TfliteGraphConverter.INT8, new int[] {1, firstDepth}, null,
                quantization(new float[] {chain.inputScale()}, chain.inputZeroPoint()));
        float currentScale = chain.inputScale();
        for (int l = 0; l < chain.layers().size(); l++) {
            QuantizedChain.Layer layer = chain.layers().get(l);
            boolean last = l == chain.layers().size() - 1;
            if (layer instanceof QuantizedChain.Dense d) {
                String name = "layer" + l + "_dense";
                int weights = addTensor(tensors, name + "/weights", TfliteGraphConverter.INT8,
                        new int[] {d.outputDepth(), d.inputDepth()}, d.weights(),
                        quantization(d.weightScales(), 0));
                float[] biasScales = new float[d.weightScales().length];
                for (int c = 0; c < biasScales.length; c++) {
                    biasScales[c] = currentScale * d.weightScales()[c]; // S_in · S_w in float32, as the converter does
                }
                int bias = addTensor(tensors, name + "/bias", TfliteGraphConverter.INT32, new int[] {d.outputDepth()},
                        littleEndian(d.biases()), quantization(biasScales, 0));
                int output = addTensor(tensors, last ? "output" : name + "/output", TfliteGraphConverter.INT8,
                        new int[] {1, d.outputDepth()}, null,
                        quantization(new float[] {d.outputScale()}, d.outputZeroPoint()));
                ops.add(new TfliteGraph.Operator(ops.size(), TfliteGraphConverter.OP_FULLY_CONNECTED, null,
                        FULLY_CONNECTED_VERSION, new int[] {current, weights, bias}, new int[] {output},
                        TfliteLayout.FULLY_CONNECTED_OPTIONS_TYPE,
                        new TfliteGraph.FullyConnectedOptions(d.activation(), 0, false, false), null));
                current = output;
            } else if (layer instanceof QuantizedChain.Softmax s) {
                int output = addTensor(tensors, last ? "output" : "layer" + l + "_softmax/output",
                        TfliteGraphConverter.INT8, new int[] {1, s.depth()}, null,
                        quantization(new float[] {QuantizedChain.Softmax.OUTPUT_SCALE},
                                QuantizedChain.Softmax.OUTPUT_ZERO_POINT));
                ops.add(new TfliteGraph.Operator(ops.size(), TfliteGraphConverter.OP_SOFTMAX, null, SOFTMAX_VERSION,
                        new int[] {current}, new int[] {output}, TfliteLayout.SOFTMAX_OPTIONS_TYPE, null,
                        new TfliteGraph.SoftmaxOptions(s.beta())));
                current = output;
            }
            currentScale = layer.outputScale();
        }
        return new TfliteGraph(TfliteGraphWriter.SCHEMA_VERSION, 1, tensors, ops, new int[] {0}, new int[] {current});
    }

    private static int addTensor(List<TfliteGraph.Tensor> tensors, String name, int type, int[] shape, byte[] data,
                                 TfliteGraph.Quantization q) {
        int index = tensors.size();
        tensors.add(new TfliteGraph.Tensor(index, name, type, shape, data, -1, q, false, false));
        return index;
    }

    private static TfliteGraph.Quantization quantization(float[] scales, int zeroPoint) {
        long[] zeroPoints = new long[scales.length];
        Arrays.fill(zeroPoints, zeroPoint);
        return new TfliteGraph.Quantization(scales.clone(), zeroPoints, 0, 0);
    }

    private static byte[] littleEndian(int[] values) {
        byte[] b = new byte[values.length * 4];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(values);
        return b;
    }

    /** Names the first value in which two chains differ, or returns null when they are the same model. */
    static String firstDifference(QuantizedChain a, QuantizedChain b) {
        if (Float.floatToRawIntBits(a.inputScale()) != Float.floatToRawIntBits(b.inputScale())
                || a.inputZeroPoint() != b.inputZeroPoint()) {
            return "the model input's quantisation differs";
        }
        if (a.layers().size() != b.layers().size()) {
            return "layer count " + a.layers().size() + " became " + b.layers().size();
        }
        for (int l = 0; l < a.layers().size(); l++) {
            QuantizedChain.Layer x = a.layers().get(l);
            QuantizedChain.Layer y = b.layers().get(l);
            String where = "layer " + l + " (" + (x instanceof QuantizedChain.Dense ? "FULLY_CONNECTED" : "SOFTMAX") + "): ";
            if (x instanceof QuantizedChain.Dense d && y instanceof QuantizedChain.Dense e) {
                if (!Arrays.equals(d.multipliers(), e.multipliers()) || !Arrays.equals(d.shifts(), e.shifts())) {
                    return where + "stored multipliers " + Arrays.toString(d.multipliers()) + " / shifts "
                            + Arrays.toString(d.shifts()) + ", but TFLite derives " + Arrays.toString(e.multipliers())
                            + " / " + Arrays.toString(e.shifts()) + " from the stored scales";
                }
                if (d.activationMin() != e.activationMin() || d.activationMax() != e.activationMax()) {
                    return where + "stored clamp range [" + d.activationMin() + ", " + d.activationMax()
                            + "], but TFLite derives [" + e.activationMin() + ", " + e.activationMax()
                            + "] from activation code " + d.activation() + " and the output quantisation";
                }
                if (d.perChannel() != e.perChannel() || d.activation() != e.activation()
                        || d.inputZeroPoint() != e.inputZeroPoint() || d.outputZeroPoint() != e.outputZeroPoint()
                        || Float.floatToRawIntBits(d.outputScale()) != Float.floatToRawIntBits(e.outputScale())
                        || !Arrays.equals(d.weightScales(), e.weightScales()) || !Arrays.equals(d.biases(), e.biases())
                        || !Arrays.equals(d.weights(), e.weights())) {
                    return where + "a parameter did not survive the round trip";
                }
            } else if (x instanceof QuantizedChain.Softmax s && y instanceof QuantizedChain.Softmax t) {
                if (s.inputMultiplier() != t.inputMultiplier() || s.inputLeftShift() != t.inputLeftShift()) {
                    return where + "stored input multiplier " + s.inputMultiplier() + " / shift " + s.inputLeftShift()
                            + ", but TFLite derives " + t.inputMultiplier() + " / " + t.inputLeftShift()
                            + " from beta and the input scale";
                }
                if (s.depth() != t.depth() || s.inputZeroPoint() != t.inputZeroPoint()
                        || Float.floatToRawIntBits(s.beta()) != Float.floatToRawIntBits(t.beta())) {
                    return where + "a parameter did not survive the round trip";
                }
            } else {
                return where + "the layer kind changed";
            }
        }
        return null;
    }
}

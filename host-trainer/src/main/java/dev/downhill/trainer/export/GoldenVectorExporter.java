package dev.downhill.trainer.export;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code --format golden}: runs inputs through tiny-runtime's Interpreter and records the int8 input
 * and the int8 output of every operator, so that any other implementation can be checked against
 * them bit by bit ({@link GoldenVectors} holds the file format).
 */
public final class GoldenVectorExporter {

    private GoldenVectorExporter() {
    }

    /**
     * Golden vectors from raw integer rows fed through the model's input stage.
     *
     * @throws IllegalArgumentException if the model has no input stage or a row has the wrong length
     */
    public static GoldenVectors fromRaw(byte[] dhm, List<int[]> rows, String source) {
        Model model = Model.load(dhm);
        if (!model.hasInputStage()) {
            throw new IllegalArgumentException("the model has no input stage: golden vectors need int8 inputs");
        }
        return run(dhm, model, rows, null, source);
    }

    /** Golden vectors from int8 input rows written straight into the input tensor. */
    public static GoldenVectors fromInt8(byte[] dhm, List<byte[]> rows, String source) {
        return run(dhm, Model.load(dhm), null, rows, source);
    }

    private static GoldenVectors run(byte[] dhm, Model model, List<int[]> raw, List<byte[]> int8, String source) {
        Interpreter interpreter = new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS);
        int features = model.inputSize();
        int layers = model.layerCount();
        int[] lengths = new int[layers];
        for (int l = 0; l < layers; l++) {
            lengths[l] = model.layerOutputSize(l);
        }
        int count = raw != null ? raw.size() : int8.size();
        List<GoldenCase> cases = new ArrayList<>(count);
        byte[] a = interpreter.activations();
        for (int i = 0; i < count; i++) {
            int[] r = raw != null ? raw.get(i) : null;
            if (r != null) {
                requireLength(r.length, features, i);
                interpreter.invoke(r, 0);
            } else {
                requireLength(int8.get(i).length, features, i);
                interpreter.setInput(int8.get(i), 0);
                interpreter.invoke();
            }
            int in = interpreter.inputOffset();
            byte[] input = Arrays.copyOfRange(a, in, in + features);
            byte[][] outputs = new byte[layers][];
            for (int l = 0; l < layers; l++) {
                int at = interpreter.layerOutputOffset(l);
                outputs[l] = Arrays.copyOfRange(a, at, at + lengths[l]);
            }
            cases.add(new GoldenCase(r == null ? null : r.clone(), input, outputs));
        }
        return new GoldenVectors(HexFormat.of().parseHex(Provenance.sha256(dhm)), Provenance.generatorName(), source,
                features, raw != null, lengths, cases);
    }

    private static void requireLength(int actual, int features, int row) {
        if (actual != features) {
            throw new IllegalArgumentException("row " + (row + 1) + " has " + actual + " values, the model takes " + features);
        }
    }
}

package dev.downhill.trainer.check;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.export.GoldenCase;
import dev.downhill.trainer.export.GoldenVectors;
import java.util.Arrays;

/**
 * Replays golden vectors ({@code downhill export --format golden}) through tiny-runtime and compares, bit for
 * bit, the int8 input tensor and every operator's int8 output with the recorded ones.
 */
final class GoldenReplay {

    /**
     * @param cases golden cases replayed (0 when the file does not fit the model at all)
     * @param differing cases with at least one differing byte
     * @param firstDifference where the first difference is, for people; empty when none
     */
    record Outcome(int cases, int differing, String firstDifference) {
        boolean bitExact() {
            return differing == 0 && firstDifference.isEmpty();
        }
    }

    private GoldenReplay() {
    }

    static Outcome replay(byte[] dhm, String modelSha256, GoldenVectors golden) {
        if (!golden.modelSha256Hex().equals(modelSha256)) {
            return new Outcome(0, golden.cases().size(), "the golden file was made for model sha256 "
                    + shortHash(golden.modelSha256Hex()) + ", this model is " + shortHash(modelSha256)
                    + " (regenerate it with downhill export --format golden)");
        }
        Model model = Model.load(dhm);
        int layers = model.layerCount();
        if (golden.features() != model.inputSize() || golden.outputLengths().length != layers
                || (golden.hasRaw() && !model.hasInputStage())) {
            return new Outcome(0, golden.cases().size(), "the golden file's shapes (" + golden.features()
                    + " features, " + golden.outputLengths().length + " operators) do not fit the model ("
                    + model.inputSize() + " features, " + layers + " operators)");
        }
        for (int l = 0; l < layers; l++) {
            if (golden.outputLengths()[l] != model.layerOutputSize(l)) {
                return new Outcome(0, golden.cases().size(), "operator " + l + " has " + model.layerOutputSize(l)
                        + " outputs, the golden file records " + golden.outputLengths()[l]);
            }
        }
        Interpreter interpreter = new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS);
        byte[] a = interpreter.activations();
        int differing = 0;
        String first = "";
        for (int i = 0; i < golden.cases().size(); i++) {
            GoldenCase c = golden.cases().get(i);
            if (golden.hasRaw()) {
                interpreter.invoke(c.raw(), 0);
            } else {
                interpreter.setInput(c.input(), 0);
                interpreter.invoke();
            }
            String where = compare(a, interpreter.inputOffset(), c.input(), "input");
            for (int l = 0; l < layers && where.isEmpty(); l++) {
                where = compare(a, interpreter.layerOutputOffset(l), c.outputs()[l], "operator " + l + " output");
            }
            if (!where.isEmpty()) {
                differing++;
                if (first.isEmpty()) {
                    first = "case " + (i + 1) + ", " + where;
                }
            }
        }
        return new Outcome(golden.cases().size(), differing, first);
    }

    /** Empty if equal, else e.g. {@code "operator 2 output [7]: runtime -12, golden -11"}. */
    private static String compare(byte[] activations, int offset, byte[] expected, String what) {
        if (Arrays.equals(activations, offset, offset + expected.length, expected, 0, expected.length)) {
            return "";
        }
        for (int k = 0; k < expected.length; k++) {
            if (activations[offset + k] != expected[k]) {
                return what + " [" + k + "]: runtime " + activations[offset + k] + ", golden " + expected[k];
            }
        }
        return "";
    }

    private static String shortHash(String hex) {
        return hex.substring(0, 12) + "…";
    }
}

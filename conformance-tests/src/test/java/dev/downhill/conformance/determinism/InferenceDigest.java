package dev.downhill.conformance.determinism;

import dev.downhill.conformance.models.RandomMlp;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Runs a fixed workload (the seeded standard model; 2,000 int8 inputs and 2,000 raw sensor inputs)
 * and condenses every output byte into a SHA-256 digest. {@link #main} prints the digest, so a forked
 * JVM can report it on one line: {@code digest <hex>}.
 */
public final class InferenceDigest {

    static final long SEED = 20260127L;
    static final int INFERENCES = 2_000;

    private InferenceDigest() {}

    /** Hex SHA-256 over all outputs, in order. */
    public static String compute() {
        Interpreter interpreter = new Interpreter(Model.load(RandomMlp.standard(SEED)));
        int size = interpreter.inputSize();
        byte[] inputs = RandomMlp.inputs(SEED, size, INFERENCES);
        int[] raw = RandomMlp.rawInputs(SEED, size, INFERENCES);
        byte[] output = new byte[interpreter.outputSize()];
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < INFERENCES; i++) {
            interpreter.setInput(inputs, i * size);
            interpreter.invoke();
            interpreter.copyOutput(output, 0);
            sha.update(output);
            interpreter.invoke(raw, i * size);
            interpreter.copyOutput(output, 0);
            sha.update(output);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Outputs of the first int8 inference, for a human-readable line in the golden file. */
    static byte[] firstOutput() {
        Interpreter interpreter = new Interpreter(Model.load(RandomMlp.standard(SEED)));
        interpreter.setInput(RandomMlp.inputs(SEED, interpreter.inputSize(), INFERENCES), 0);
        interpreter.invoke();
        byte[] output = new byte[interpreter.outputSize()];
        interpreter.copyOutput(output, 0);
        return output;
    }

    public static void main(String[] args) {
        System.out.println("digest " + compute());
    }
}

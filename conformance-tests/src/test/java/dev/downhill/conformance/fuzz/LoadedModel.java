package dev.downhill.conformance.fuzz;

import dev.downhill.runtime.kernels.ArgMax;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;

/**
 * What every fuzz target demands of a model that parsed: it runs. {@code invoke()} on an int8 input, the input
 * stage on extreme raw values when there is one, {@code argMax} inside the output and {@code topK}.
 */
public final class LoadedModel {

    private LoadedModel() {}

    /** Runs {@code model} once per input path; throws {@link AssertionError} if an answer is out of range. */
    public static void mustRun(Model model) {
        Interpreter interpreter = new Interpreter(model);
        byte[] input = new byte[interpreter.inputSize()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 37 - 100);
        }
        interpreter.setInput(input, 0);
        interpreter.invoke();
        if (model.hasInputStage()) {
            int[] raw = new int[interpreter.inputSize()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = i % 2 == 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE + i;
            }
            interpreter.invoke(raw, 0);
        }
        int argMax = interpreter.argMax();
        if (argMax < 0 || argMax >= interpreter.outputSize()) {
            throw new AssertionError("argMax " + argMax + " outside 0.." + (interpreter.outputSize() - 1));
        }
        int[] top = new int[Math.min(3, interpreter.outputSize())];
        ArgMax.topK(interpreter.activations(), interpreter.outputOffset(), interpreter.outputSize(), top, 0, top.length);
    }
}

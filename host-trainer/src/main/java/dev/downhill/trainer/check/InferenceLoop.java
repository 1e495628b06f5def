package dev.downhill.trainer.check;

import dev.downhill.runtime.Interpreter;

/**
 * The measured inference loop: cycles through the samples, feeding each the way a board would (raw sensor
 * integers through the input stage, or an int8 input tensor), invokes, and reads the prediction.
 * Folding the prediction into {@link #checksum()} keeps the JIT from removing the work.
 */
final class InferenceLoop implements AllocationProbe.Workload {

    private final Interpreter interpreter;
    private final RuntimeSamples samples;
    private int next;
    private int checksum;

    InferenceLoop(Interpreter interpreter, RuntimeSamples samples) {
        this.interpreter = interpreter;
        this.samples = samples;
    }

    @Override
    public void run(int iterations) {
        int features = samples.features;
        int acc = checksum;
        int s = next;
        for (int i = 0; i < iterations; i++) {
            if (samples.rawInput) {
                interpreter.invoke(samples.raw, s * features);
            } else {
                interpreter.setInput(samples.int8, s * features);
                interpreter.invoke();
            }
            acc = 31 * acc + interpreter.argMax() + interpreter.output(0);
            s = s + 1 == samples.count ? 0 : s + 1;
        }
        next = s;
        checksum = acc;
    }

    int checksum() {
        return checksum;
    }
}

package dev.downhill.trainer.check;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import java.util.zip.CRC32;

/**
 * Runs the same work twice from scratch — a fresh copy of the model bytes, a fresh interpreter and adapter
 * each time — and compares every int8 output bit for bit: an inference of every sample, then (when the model
 * can adapt) one adaptation step per sample followed by a second inference of every sample, which sees the
 * adapted parameters. Any hidden state (a static, an uninitialised buffer, a dependence on identity hash
 * codes or timing) shows up as a difference. Across JVMs and under {@code -Xint} this is proven by
 * conformance-tests' CrossJvmDeterminismTest; here it is this JVM, on the user's model and data.
 */
final class DeterminismProbe {

    /**
     * @param outputBytes int8 output bytes compared per run
     * @param steps adaptation steps per run (0 when the model cannot adapt)
     * @param digest CRC-32 of the first run's outputs
     * @param firstDifference byte index of the first difference, or −1 when the runs agree
     */
    record Outcome(int outputBytes, int steps, long digest, int firstDifference) {
        boolean identical() {
            return firstDifference < 0;
        }
    }

    private DeterminismProbe() {
    }

    static Outcome run(byte[] dhm, RuntimeSamples samples, AdaptationSetup adaptation) {
        byte[] first = outputs(dhm.clone(), samples, adaptation);
        byte[] second = outputs(dhm.clone(), samples, adaptation);
        int diff = java.util.Arrays.mismatch(first, second);
        CRC32 crc = new CRC32();
        crc.update(first);
        return new Outcome(first.length, adaptation.available() ? samples.count : 0, crc.getValue(), diff);
    }

    private static byte[] outputs(byte[] blob, RuntimeSamples samples, AdaptationSetup adaptation) {
        Model model = Model.load(blob);
        int out = model.outputSize();
        boolean adapt = adaptation.available();
        byte[] all = new byte[(adapt ? 2 : 1) * samples.count * out];
        Interpreter interpreter = new Interpreter(model, adapt ? Interpreter.RETAIN_ACTIVATIONS : 0);
        infer(interpreter, samples, all, 0);
        if (adapt) {
            AdaptationLoop loop = new AdaptationLoop(new Adapter(interpreter, adaptation.config()), samples);
            loop.run(samples.count);
            infer(interpreter, samples, all, samples.count * out);
        }
        return all;
    }

    private static void infer(Interpreter interpreter, RuntimeSamples samples, byte[] dst, int at) {
        int f = samples.features;
        int out = interpreter.outputSize();
        for (int s = 0; s < samples.count; s++) {
            if (samples.rawInput) {
                interpreter.invoke(samples.raw, s * f);
            } else {
                interpreter.setInput(samples.int8, s * f);
                interpreter.invoke();
            }
            interpreter.copyOutput(dst, at + s * out);
        }
    }
}

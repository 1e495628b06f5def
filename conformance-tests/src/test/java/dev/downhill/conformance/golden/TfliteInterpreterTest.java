package dev.downhill.conformance.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.quantize.Rounding;
import dev.downhill.trainer.tflite.TfliteExporter;
import dev.downhill.trainer.tflite.TfliteImporter;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tiny-runtime against a third-party oracle: TensorFlow Lite's own interpreter (2.6.2, its C++ kernels, from
 * Maven Central), bit by bit, on TFLM's hello_world model and on hundreds of random int8 MLPs exported to .tflite.
 *
 * <p>What it shows: TFLite's optimised x86 kernels requantise with one rounding ({@code TFLITE_SINGLE_ROUNDING},
 * measured here), TFLite Micro's reference kernels with two (SRDHM, then RDBPOT). A .dhm marked single-rounding
 * ({@code import-tflite --rounding single}) computes exactly what TFLite computes; the default .dhm computes
 * what TFLM computes (the TFLM golden tests beside this one) and differs from TFLite by one where a
 * requantisation meets a tie. TFLite's int8 SOFTMAX is its own float lookup table, not TFLM's gemmlowp
 * arithmetic, so softmax outputs are compared within one step, the logits before it bit by bit.
 */
class TfliteInterpreterTest {

    private static final int MODELS = 300;
    private static final int SAMPLES = 64;
    private static final int WIDE_MODELS = 40;

    @BeforeAll
    static void tfliteRunsHere() {
        String why = TfliteInterpreter.unavailableReason();
        String arch = System.getProperty("os.arch");
        boolean linuxX64 = System.getProperty("os.name").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
        if (linuxX64) {
            // where the library is built for, its absence from the class path is a build defect, not a reason to
            // skip; a libc that cannot load it (it needs glibc 2.14 and libstdc++ GLIBCXX_3.4.22) skips, saying so
            assertThat(TfliteInterpreter.class.getClassLoader().getResource("native/lib/libtensorflowlite_jni.so"))
                    .as("TFLite's native library on the test class path").isNotNull();
        }
        assumeTrue(why == null, why);
    }

    @Test
    void helloWorldIsBitExactWithSingleRoundingAndDiffersFromTflmOnlyWhereTheRoundingsDo() {
        byte[] tflite = HelloWorldTflite.bytes(HelloWorldTflite.INT8);
        Interpreter single = interpreter(TfliteImporter.toDhm(tflite, Rounding.SINGLE));
        Interpreter tflm = interpreter(TfliteImporter.toDhm(tflite, Rounding.DOUBLE));
        HelloWorldOracle oracle = new HelloWorldOracle(HelloWorldTflite.int8Layers(tflite));
        int differingFromTflm = 0;
        int singleDiffering = 0;
        try (TfliteInterpreter reference = new TfliteInterpreter(tflite)) {
            for (int x = -128; x <= 127; x++) {
                byte[] in = {(byte) x};
                int expected = reference.run(in)[0];
                byte singleOut = run(single, in)[0];
                singleDiffering += singleOut != expected ? 1 : 0;
                assertThat(singleOut).as("single rounding, input %d", x).isEqualTo((byte) expected);
                int[] once = oracle.run(x, true, null);
                assertThat(once[once.length - 1]).as("BigInteger single-rounding oracle, input %d", x)
                        .isEqualTo(expected);
                int[] twice = oracle.run(x, false, null);
                byte tflmOut = run(tflm, in)[0];
                assertThat((int) tflmOut).as("default .dhm = TFLM's double rounding, input %d", x)
                        .isEqualTo(twice[twice.length - 1]);
                differingFromTflm += tflmOut != expected ? 1 : 0;
            }
        }
        ConformanceReport.record("TFLite 2.6.2 interpreter, hello_world (256 inputs): single-rounding .dhm differing",
                singleDiffering, "== 0 (bit-exact)", singleDiffering == 0);
        ConformanceReport.record("TFLite 2.6.2 interpreter, hello_world: default (TFLM double-rounding) .dhm differing",
                differingFromTflm + " of 256", "> 0, all where the two roundings part", differingFromTflm > 0);
        // the figure above cannot be 0 on hello_world: if it were, the two modes would not be told apart here
        assertThat(differingFromTflm).isPositive();
    }

    @Test
    void randomFullyConnectedChainsAreBitExactWithTflite() {
        Tally outputs = new Tally();
        String firstDifference = null;
        for (long seed = 0; seed < MODELS; seed++) {
            RandomTfliteModel m = RandomTfliteModel.generate(seed, false, true);
            long before = outputs.differing;
            outputs.compare(m.dhm, seed);
            if (outputs.differing > before && firstDifference == null) {
                firstDifference = m.description;
            }
        }
        ConformanceReport.record("TFLite 2.6.2 interpreter, " + MODELS + " random int8 MLPs x " + SAMPLES
                + " inputs (single rounding; " + outputs.positiveShifts + " layers with a multiplier above 1):"
                + " outputs differing", outputs, "== 0 (bit-exact)", outputs.differing == 0);
        assertThat(outputs.differing).as("outputs differing from TFLite; first model: %s", firstDifference).isZero();
        assertThat(outputs.compared).isGreaterThan(100_000);
        assertThat(outputs.positiveShifts).as("layers with a multiplier above 1").isGreaterThan(20);
    }

    @Test
    void wideChainsAreBitExactWithTflite() {
        // layers of up to 400 inputs and 300 channels: sums of hundreds of products, as in image-sized inputs
        Tally outputs = new Tally();
        for (long seed = 1000; seed < 1000 + WIDE_MODELS; seed++) {
            outputs.compare(RandomTfliteModel.generate(seed, false, true, 400, 300).dhm, seed);
        }
        ConformanceReport.record("TFLite 2.6.2 interpreter, " + WIDE_MODELS + " random MLPs up to 400 inputs and 300"
                + " channels x " + SAMPLES + " inputs (single rounding): outputs differing", outputs, "== 0 (bit-exact)",
                outputs.differing == 0);
        assertThat(outputs.differing).isZero();
        assertThat(outputs.compared).isGreaterThan(10_000);
    }

    @Test
    void softmaxHeadsMatchTfliteWithinOneStepOverBitExactLogits() {
        Tally logits = new Tally();
        Tally probabilities = new Tally();
        for (long seed = 0; seed < MODELS; seed++) {
            RandomTfliteModel m = RandomTfliteModel.generate(seed, true, true);
            logits.compare(m.logits, seed);
            probabilities.compare(m.dhm, seed);
        }
        ConformanceReport.record("TFLite 2.6.2 interpreter, " + MODELS + " random MLPs with softmax: logits differing",
                logits, "== 0 (bit-exact)", logits.differing == 0);
        ConformanceReport.record("TFLite 2.6.2 interpreter, same models: softmax outputs differing (TFLite's"
                + " lookup-table softmax vs TFLM's)", probabilities + ", at most " + probabilities.worst,
                "<= 1 step each", probabilities.worst <= 1);
        assertThat(logits.differing).isZero();
        assertThat(probabilities.worst).as("largest softmax difference").isLessThanOrEqualTo(1);
    }

    /** Outputs compared with TFLite, how many differed and by how much at most. */
    private static final class Tally {
        long compared;
        long differing;
        long worst;
        long positiveShifts;

        /** Runs the .dhm here and its .tflite export in TFLite on {@link #SAMPLES} random inputs. */
        void compare(byte[] dhm, long seed) {
            Interpreter runtime = interpreter(dhm);
            int inputSize = runtime.inputSize();
            Model model = runtime.model();
            for (int l = 0; l < model.layerCount(); l++) {
                positiveShifts += model.isFullyConnected(l) && model.fullyConnected(l).shift(0) > 0 ? 1 : 0;
            }
            Random random = new Random(seed * 31 + 7);
            try (TfliteInterpreter reference = new TfliteInterpreter(TfliteExporter.toTflite(dhm))) {
                for (int s = 0; s < SAMPLES; s++) {
                    byte[] x = new byte[inputSize];
                    random.nextBytes(x);
                    byte[] expected = reference.run(x);
                    byte[] actual = run(runtime, x);
                    for (int i = 0; i < expected.length; i++) {
                        int d = Math.abs(expected[i] - actual[i]);
                        compared++;
                        differing += d != 0 ? 1 : 0;
                        worst = Math.max(worst, d);
                    }
                }
            }
        }

        @Override
        public String toString() {
            return differing + " of " + compared;
        }
    }

    private static Interpreter interpreter(byte[] dhm) {
        return new Interpreter(Model.load(dhm));
    }

    private static byte[] run(Interpreter interpreter, byte[] x) {
        interpreter.setInput(x, 0);
        interpreter.invoke();
        byte[] y = new byte[interpreter.outputSize()];
        interpreter.copyOutput(y, 0);
        return y;
    }
}

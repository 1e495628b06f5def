package dev.downhill.conformance.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.cli.Main;
import dev.downhill.trainer.quantize.Rounding;
import dev.downhill.trainer.tflite.TfliteExporter;
import dev.downhill.trainer.tflite.TfliteImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tiny-runtime against a third-party oracle, a TensorFlow Lite build, bit by bit: on TFLM's hello_world model and
 * on hundreds of random int8 MLPs exported to .tflite. Each build is a subclass: {@link TfliteInterpreterTest}
 * (2.6.2's Java API from Maven Central, in every build), {@link TfliteCApiTest} (the C API of another version,
 * when given one) and {@link LiteRtTest} (LiteRT.js, when installed).
 *
 * <p>What it shows: TFLite builds requantise differently from each other and from TFLite Micro's reference
 * kernels (SRDHM, then RDBPOT with ties away from zero): TFLite 2.2.0 on x86 computes TFLM's bits, TFLite 2.6.2
 * on x86 and LiteRT.js 2.5.3 round once ({@code TFLITE_SINGLE_ROUNDING}), TFLite 2.9.0 rounds twice with the
 * second rounding's ties going up (all measured here). A .dhm marked with the build's rounding ({@code import-tflite --rounding single} or
 * {@code double-half-up}) computes exactly what that build computes; the default .dhm computes what TFLM
 * computes (the TFLM golden tests beside this one) and differs by one where a requantisation meets a tie.
 * TFLite's int8 SOFTMAX is its own float lookup table, not TFLM's gemmlowp arithmetic, so softmax outputs are
 * compared within one step, the logits before it bit by bit.
 */
abstract class TfliteComparison {

    private static final int MODELS = 300;
    private static final int SAMPLES = 64;
    private static final int WIDE_MODELS = 40;

    /** How the report names the oracle, e.g. "TFLite 2.6.2 interpreter". */
    abstract String oracle();

    /** The oracle running one .tflite model. */
    abstract TfliteOracle open(byte[] tflite);

    /** The requantisation this TFLite build computes (measured: the hello_world test tells the three apart). */
    abstract Rounding rounding();

    /**
     * For a build that is not always present: its tests skip, saying why, when it is not installed, and fail when
     * the run named it with {@code -Dproperty} but it did not start (so a broken install is not a silent skip).
     */
    static void availableOrSkipped(String unavailableReason, boolean requested, String property) {
        if (requested) {
            assertThat(unavailableReason).as("the TFLite build named by -D" + property).isNull();
        }
        assumeTrue(unavailableReason == null, unavailableReason);
    }

    /** Whether this build runs per-channel FULLY_CONNECTED weights as TFLM does (measured). */
    boolean runsPerChannel() {
        return false;
    }

    @Test
    void helloWorldIsBitExactInTheOraclesRoundingAndDiffersInEveryOther() {
        byte[] tflite = HelloWorldTflite.bytes(HelloWorldTflite.INT8);
        HelloWorldOracle oracle = new HelloWorldOracle(HelloWorldTflite.int8Layers(tflite));
        Rounding[] roundings = Rounding.values();
        Interpreter[] dhm = new Interpreter[roundings.length];
        for (Rounding r : roundings) {
            dhm[r.ordinal()] = interpreter(TfliteImporter.toDhm(tflite, r));
        }
        int[] differing = new int[roundings.length];
        try (TfliteOracle reference = open(tflite)) {
            for (int x = -128; x <= 127; x++) {
                byte[] in = {(byte) x};
                int expected = reference.run(in)[0];
                for (Rounding r : roundings) {
                    byte out = run(dhm[r.ordinal()], in)[0];
                    // each .dhm computes what an independent BigInteger reading of its rounding computes
                    int[] exact = oracle.run(x, r, null);
                    assertThat((int) out).as("%s .dhm against the BigInteger oracle, input %d", r.cliName(), x)
                            .isEqualTo(exact[exact.length - 1]);
                    differing[r.ordinal()] += out != expected ? 1 : 0;
                }
            }
        }
        StringBuilder figures = new StringBuilder();
        for (Rounding r : roundings) {
            figures.append(figures.length() == 0 ? "" : ", ").append(r.cliName()).append(' ')
                    .append(differing[r.ordinal()]);
        }
        boolean told = differing[rounding().ordinal()] == 0;
        for (Rounding r : roundings) {
            // on hello_world every other rounding differs somewhere: so the oracle's rounding is told apart
            told &= r == rounding() || differing[r.ordinal()] > 0;
        }
        ConformanceReport.record(oracle() + ", hello_world (256 inputs): outputs differing, by the .dhm's rounding",
                figures, rounding().cliName() + " 0, every other > 0", told);
        assertThat(differing[rounding().ordinal()]).as("%s .dhm differing from %s", rounding().cliName(), oracle())
                .isZero();
        for (Rounding r : roundings) {
            if (r != rounding()) {
                assertThat(differing[r.ordinal()]).as("%s .dhm differing from %s", r.cliName(), oracle()).isPositive();
            }
        }
    }

    @Test
    void randomFullyConnectedChainsAreBitExactWithTflite() {
        Tally outputs = new Tally();
        String firstDifference = null;
        for (long seed = 0; seed < MODELS; seed++) {
            RandomTfliteModel m = RandomTfliteModel.generate(seed, false, rounding());
            long before = outputs.differing;
            outputs.compare(m.dhm, seed);
            if (outputs.differing > before && firstDifference == null) {
                firstDifference = m.description;
            }
        }
        ConformanceReport.record(oracle() + ", " + MODELS + " random int8 MLPs x " + SAMPLES
                + " inputs (" + rounding().cliName() + " rounding; " + outputs.positiveShifts + " layers with a multiplier above 1):"
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
            outputs.compare(RandomTfliteModel.generate(seed, false, rounding(), 400, 300, false).dhm, seed);
        }
        ConformanceReport.record(oracle() + ", " + WIDE_MODELS + " random MLPs up to 400 inputs and 300"
                + " channels x " + SAMPLES + " inputs (" + rounding().cliName() + " rounding): outputs differing", outputs, "== 0 (bit-exact)",
                outputs.differing == 0);
        assertThat(outputs.differing).isZero();
        assertThat(outputs.compared).isGreaterThan(10_000);
    }

    @Test
    void softmaxHeadsMatchTfliteWithinOneStepOverBitExactLogits() {
        Tally logits = new Tally();
        Tally probabilities = new Tally();
        for (long seed = 0; seed < MODELS; seed++) {
            RandomTfliteModel m = RandomTfliteModel.generate(seed, true, rounding());
            logits.compare(m.logits, seed);
            probabilities.compare(m.dhm, seed);
        }
        ConformanceReport.record(oracle() + ", " + MODELS + " random MLPs with softmax: logits differing",
                logits, "== 0 (bit-exact)", logits.differing == 0);
        ConformanceReport.record(oracle() + ", same models: softmax outputs differing (TFLite's"
                + " lookup-table softmax vs TFLM's)", probabilities + ", at most " + probabilities.worst,
                "<= 1 step each", probabilities.worst <= 1);
        assertThat(logits.differing).isZero();
        assertThat(probabilities.worst).as("largest softmax difference").isLessThanOrEqualTo(1);
    }

    /**
     * Per-channel FULLY_CONNECTED weights: LiteRT.js runs them as TFLM does (bit-exact, checked here), TFLite's
     * interpreters up to 2.9.0 accept them and compute something else. Export's note says which; this keeps it
     * honest, since a build that changes either way fails here.
     */
    @Test
    void perChannelWeightsRunRightWhereTheBuildSupportsThem() {
        Tally outputs = new Tally();
        for (long seed = 0; seed < 100; seed++) {
            outputs.compare(RandomTfliteModel.generate(seed, false, rounding(), 48, 40, true).dhm, seed);
        }
        if (runsPerChannel()) {
            ConformanceReport.record(oracle() + ", 100 random MLPs with per-channel weights: outputs differing",
                    outputs, "== 0 (bit-exact)", outputs.differing == 0);
            assertThat(outputs.differing).as(outputs.toString()).isZero();
        } else {
            ConformanceReport.record(oracle() + ", 100 random MLPs with per-channel weights: outputs differing (it"
                    + " does not run per-channel FULLY_CONNECTED; export says so)", outputs + ", by up to "
                    + outputs.worst, "> half", outputs.differing * 2 > outputs.compared);
            assertThat(outputs.differing * 2).as(outputs.toString()).isGreaterThan(outputs.compared);
        }
    }

    /**
     * Trained, not random: the bundled digits and iris models, trained and quantised here through the CLI for this
     * build (int8 input, its rounding, per-channel weights where it runs them), on random int8 inputs.
     */
    @Test
    void modelsTrainedOnTheBundledDataAreBitExact(@TempDir Path dir) throws IOException {
        Tally outputs = new Tally();
        String weights = runsPerChannel() ? "per-channel" : "per-tensor";
        String[] datasets = {"digits", "iris"};
        for (int d = 0; d < datasets.length; d++) {
            String data = "bundled:" + datasets[d] + "-train";
            Path model = dir.resolve(datasets[d]);
            Path dhm = dir.resolve(datasets[d] + ".dhm");
            cli("train", "--data", data, "--label", "label", "--epochs", "20", "--seed", "7", "--quiet",
                    "--out", model.toString());
            cli("quantize", "--model", model.toString(), "--calibration", data, "--no-input-stage", "--weights", weights,
                    "--rounding", rounding().cliName(), "--out", dhm.toString());
            outputs.compare(Files.readAllBytes(dhm), d);
        }
        ConformanceReport.record(oracle() + ", digits and iris models trained and quantised here (" + weights + ", "
                + rounding().cliName() + " rounding) x " + SAMPLES + " inputs: outputs differing", outputs,
                "== 0 (bit-exact)", outputs.differing == 0);
        assertThat(outputs.differing).as(outputs.toString()).isZero();
    }

    private static void cli(String... args) {
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(exit).as("downhill " + String.join(" ", args) + ": " + err).isZero();
    }

    /** Outputs compared with TFLite, how many differed and by how much at most. */
    private final class Tally {
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
            try (TfliteOracle reference = open(TfliteExporter.toTflite(dhm))) {
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

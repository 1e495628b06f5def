package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import dev.downhill.trainer.adapt.AdaptationRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptCommandTest {

    @TempDir
    Path dir;
    private Path model;
    private Path stream;
    private Path eval;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A 4-input, 2-class model whose class is "feature 0 + feature 1 > feature 2 + feature 3", labels from itself. */
    @BeforeEach
    void writeModelAndData() throws Exception {
        int[] offsets = {8 << 8, 8 << 8, 8 << 8, 8 << 8};
        int[] mult = {1 << 30};
        int[] shift = {-4};                                            // q = (x - 8) * 2^-5 * 2^... ~ 8 steps per unit
        byte[] blob = new ModelBuilder().input(0, Float.floatToRawIntBits(1f / 16)).inputStage(8, offsets, mult, shift)
                .fullyConnected(4, 2).weights(new byte[] {64, 64, -64, -64, -64, -64, 64, 64}).bias(new int[] {0, 0})
                .perTensor(1 << 30, -6, Float.floatToRawIntBits(1f / 64)).output(0, Float.floatToRawIntBits(0.125f))
                .activation(Activation.NONE, -128, 127).add()
                .softmax(1 << 30, 23, Float.floatToRawIntBits(1f)).build();
        model = dir.resolve("m.dhm");
        Files.write(model, blob);
        Interpreter in = new Interpreter(Model.load(blob));
        Random r = new Random(1);
        stream = dir.resolve("stream.csv");
        eval = dir.resolve("eval.csv");
        Files.writeString(stream, rows(in, r, 60));
        Files.writeString(eval, rows(in, r, 40));
    }

    private static String rows(Interpreter in, Random r, int n) {
        StringBuilder b = new StringBuilder("a,b,c,d,label\n");
        for (int i = 0; i < n; i++) {
            int[] x = {r.nextInt(17), r.nextInt(17), r.nextInt(17), r.nextInt(17)};
            in.invoke(x, 0);
            b.append(x[0]).append(',').append(x[1]).append(',').append(x[2]).append(',').append(x[3]).append(',')
                    .append(in.argMax()).append('\n');
        }
        return b.toString();
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** The help states the schedule's half-life the run actually uses. */
    @Test
    void theHelpStatesTheDefaultHalfLifeTheRunUses() throws Exception {
        assertThat(run("adapt", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("0 for a constant rate. Default: 100.");
        out.getBuffer().setLength(0);
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--out", dir.resolve("o").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("inverse-time T=100,");
    }

    /** By default a short stream is evaluated every 10 samples and a long one about 100 times in all. */
    @Test
    void theEvaluationCadenceIsEveryTenSamplesUpToAHundredPoints() throws Exception {
        assertThat(AdaptCommand.autoEvalEvery(200)).isEqualTo(10);
        assertThat(AdaptCommand.autoEvalEvery(1000)).isEqualTo(10);
        assertThat(AdaptCommand.autoEvalEvery(1001)).isEqualTo(11);
        assertThat(AdaptCommand.autoEvalEvery(10_000)).isEqualTo(100);
        Path o = dir.resolve("o");
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--out", o.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllLines(o.resolve("adapt-log.csv"))).hasSize(1 + 7);       // 0, 10, ..., 60 samples
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--eval-every", "ten", "--out", o.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--eval-every must be a whole number >= 1 or auto, got 'ten'");
    }

    /** offset=…sd reaches the drift with the stream's deviations: the model (labelling its own rows) now errs. */
    @Test
    void anOffsetInDeviationsIsAppliedPerFeature() throws Exception {
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--drift", "gain=0.5,offset=1sd", "--out", dir.resolve("o").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("drift: gain=0.5,offset=1sd,min=0,max=16;");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("frozen ([\\d.]+)%").matcher(out.toString());
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as("the drift moved the readings").isLessThan(100);
    }

    @Test
    void writesTheLogAndThePlotAndReportsTheFinalAccuracies() throws Exception {
        Path o = dir.resolve("out");
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--drift", "gain=0.5,offset=4", "--trainable", "input,bias", "--lr", "0.05",
                "--eval-every", "20", "--out", o.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> log = Files.readAllLines(o.resolve("adapt-log.csv"));
        assertThat(log.get(0)).isEqualTo("samples_seen,frozen_accuracy,fixed_point_accuracy,float_reference_accuracy,"
                + "applied,skipped,rolled_back,resets");
        assertThat(log).hasSize(1 + 4);                                 // 0, 20, 40, 60 samples
        assertThat(log.get(4)).startsWith("60,");
        String[] first = log.get(1).split(",");
        assertThat(first[1]).isEqualTo(first[2]).as("before any sample the adapter is the frozen model");
        byte[] png = Files.readAllBytes(o.resolve("adapt.png"));
        assertThat(png).hasSizeGreaterThan(1000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(out.toString()).contains("after 60 labelled samples: frozen ").contains("extra RAM on the device");
        try (var files = Files.list(o)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("adapt-log.csv", "adapt.png");          // no temporary files left behind
        }
    }

    @Test
    void aReadingOutsideInt16SaturatesWithAWarningNamingFileLineColumnAndValue() throws Exception {
        Files.writeString(stream, "a,b,c,d,label\n1,2,3,4,0\n1,40000,3,4,1\n");
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).as("the first line, whatever notes on the result follow")
                .startsWith("warning: " + stream + ": 1 value is beyond what an int16 reading in the "
                + "model's raw units holds and was saturated to -32768..32767, as the device's input stage does (first: "
                + stream + ":3:2 column 'b' 40000 = 40000 x 1, read as 32767); the calibration data did not reach this "
                + "far" + System.lineSeparator());
    }

    /** A device reads in its unit: a value finer than the unit (here 1) is rounded, and the user told once. */
    @Test
    void valuesFinerThanTheUnitAreRoundedWithOneNote() throws Exception {
        Files.writeString(stream, "a,b,c,d,label\n1,2,3,4,0\n1,2.5,3,4,1\n0.5,2,3,4,1\n");
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).as("the first line, whatever notes on the result follow")
                .startsWith("note: " + stream + ": 2 values have more decimals than the model's raw "
                + "units and were rounded as the device would read them (first: " + stream + ":3:2 2.5 read as 3 x 1)"
                + System.lineSeparator());
    }

    @Test
    void aLabelOutsideTheModelsClassesIsRefused() throws Exception {
        Files.writeString(eval, "a,b,c,d,label\n1,2,3,4,7\n");
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains(":2:5").contains("label 7 is not a class id 0..1");
    }

    @Test
    void aCorruptModelIsOneLineNamingTheFile() throws Exception {
        Files.write(model, new byte[] {1, 2, 3});
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).startsWith("downhill: " + model).doesNotContain("\tat ");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--drift", "tilt=1", "--out", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--drift: drift 'tilt=1': unknown key 'tilt'");
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--trainable", "everything", "--out", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--trainable: unknown part 'everything'");
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--guards", "magic", "--out", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--guards: unknown guard 'magic' (expected default, none, loss-check, "
                + "skip-contradiction, agreement-monitor, input-shift)");
    }

    /** Guard (d) is named input-shift on the command line and in the recipe line. */
    @Test
    void theInputShiftGuardCanBeNamed() {
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--guards", "skip-contradiction, input-shift", "--out",
                dir.resolve("o").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("guards skip-contradiction+input-shift,");
    }

    /**
     * A model trained with metadata: string class names in a label column in the middle of the file. The stream
     * and evaluation files put the columns in another order; features must be matched by name and labels by the
     * model's class names (before, the label text was read as a feature and 'hi' was "not an integer").
     */
    @Test
    void aModelWithMetadataMatchesColumnsByNameAndLabelsByClassName() throws Exception {
        Path dhm = namedClassModel();
        Files.writeString(stream, namedRows(new Random(3), 120, true));
        Files.writeString(eval, namedRows(new Random(4), 80, true));
        Path o = dir.resolve("named-out");
        int code = run("adapt", "--model", dhm.toString(), "--data", stream.toString(), "--label", "kind",
                "--eval", eval.toString(), "--eval-every", "40", "--out", o.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> log = Files.readAllLines(o.resolve("adapt-log.csv"));
        double frozen = Double.parseDouble(log.get(1).split(",")[1]);
        assertThat(frozen).as("frozen accuracy with labels mapped by name; swapped ids would give ~0").isGreaterThan(0.85);
    }

    /** Data in -100..100 with a drift: values saturate at the data's range, not at digits' 0..16 (was ~chance). */
    @Test
    void aDriftSaturatesAtTheDataRangeNotTheDigitsRange() throws Exception {
        Path dhm = namedClassModel();
        Files.writeString(stream, namedRows(new Random(3), 120, true));
        Files.writeString(eval, namedRows(new Random(4), 80, true));
        Path o = dir.resolve("ranged-out");
        int code = run("adapt", "--model", dhm.toString(), "--data", stream.toString(), "--eval", eval.toString(),
                "--drift", "gain=1.1", "--eval-every", "40", "--out", o.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> log = Files.readAllLines(o.resolve("adapt-log.csv"));
        double frozen = Double.parseDouble(log.get(1).split(",")[1]);
        assertThat(frozen).as("a 10% gain barely moves a + b vs 2c").isGreaterThan(0.85);
        assertThat(out.toString()).contains("drift: gain=1.1,offset=0,min=-100,max=100");
    }

    /**
     * When the skip-contradiction guard skipped most samples, the command says so (the result line alone reads like a
     * failure of the fixed-point path); a clean stream gets no such note.
     */
    @Test
    void mostSamplesSkippedAsContradictionsGetOneNote() throws Exception {
        Path o = dir.resolve("o");
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--eval", eval.toString(),
                "--label", "label", "--out", o.toString())).as(err.toString()).isZero();
        assertThat(err.toString()).doesNotContain("skipped");

        AdaptationRun.Score score = new AdaptationRun.Score(0.5, Double.NaN, Double.NaN);
        assertThat(AdaptCommand.mostlySkippedNote(new AdaptationRun.Point(60, score, score, score, 29, 31, 0, 0)))
                .isEqualTo("note: 31 of 60 labelled samples were skipped because their label contradicts a confident "
                        + "prediction (guard skip-contradiction); if the stream is drifted rather than mislabelled, "
                        + "compare with --guards agreement-monitor");
        assertThat(AdaptCommand.mostlySkippedNote(new AdaptationRun.Point(60, score, score, score, 30, 30, 0, 0)))
                .isNull();
    }

    /** Gives every stream row the other class: labels that contradict the model everywhere. */
    private void flipStreamLabels() throws Exception {
        StringBuilder flipped = new StringBuilder();
        for (String line : Files.readAllLines(stream)) {
            flipped.append(line.endsWith(",0") ? line.replaceAll(",0$", ",1")
                    : line.endsWith(",1") ? line.replaceAll(",1$", ",0") : line).append('\n');
        }
        Files.writeString(stream, flipped);
    }

    /** Labels that contradict the model everywhere teach it the wrong thing: the command says the device got worse. */
    @Test
    void endingBelowTheFrozenModelGetsANote() throws Exception {
        flipStreamLabels();
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--eval", eval.toString(),
                "--label", "label", "--guards", "none", "--out", dir.resolve("o").toString())).as(err.toString())
                .isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("frozen ([\\d.]+)%, fixed-point adaptive "
                + "([\\d.]+)%, float reference ([\\d.]+)%").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        double frozen = Double.parseDouble(m.group(1));
        double adapted = Double.parseDouble(m.group(2));
        assertThat(adapted).isLessThan(frozen);
        assertThat(err.toString().strip()).isEqualTo(String.format(java.util.Locale.ROOT,
                "note: the adapted model ended %.2f points below the frozen one; so did the float reference: the "
                        + "recipe (--lr, --trainable, --guards) does not suit this stream", frozen - adapted));
    }

    @Test
    void anUnknownClassNameIsNamedWithTheModelsClasses() throws Exception {
        Path dhm = namedClassModel();
        Files.writeString(eval, "c,b,kind,a\n1,2,mid,3\n");
        int code = run("adapt", "--model", dhm.toString(), "--data", eval.toString(), "--eval", eval.toString(),
                "--out", dir.resolve("o").toString());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString().strip()).contains(eval + ":2:3").contains("label 'mid' is not one of the model's "
                + "classes (hi, lo)").doesNotContain("\n");
    }

    /**
     * A model that takes int8 input adapts on the tensors its driver would make (the CSV's values standardised with
     * the model's metadata and quantised): by default its biases (there is no input stage to recalibrate, and the
     * command says so), and the fixed-point path tracks the float reference.
     */
    @Test
    void aModelWithoutAnInputStageAdaptsItsBiasesOnInt8Tensors() throws Exception {
        Path floats = dir.resolve("iris");
        assertThat(run("train", "--data", "bundled:iris-train", "--label", "label", "--hidden", "8", "--epochs", "30",
                "--quiet", "--out", floats.toString())).as(err.toString()).isZero();
        Path dhm = dir.resolve("iris-int8.dhm");
        assertThat(run("quantize", "--model", floats.toString(), "--calibration", "bundled:iris-train", "--out",
                dhm.toString(), "--no-input-stage")).as(err.toString()).isZero();
        Path o = dir.resolve("o");
        int code = run("adapt", "--model", dhm.toString(), "--data", "bundled:iris-train", "--eval",
                "bundled:iris-test", "--drift", "gain=0.7", "--eval-every", "30", "--out", o.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString().strip()).isEqualTo("note: " + dhm + " takes int8 input, so there is no input stage "
                + "to recalibrate: training the biases (--trainable bias)");
        assertThat(out.toString()).contains("recipe: bias,");
        List<String> log = Files.readAllLines(o.resolve("adapt-log.csv"));
        assertThat(log).hasSize(1 + 5);                                     // 0, 30, ..., 120 samples
        String[] last = log.get(5).split(",");
        double frozen = Double.parseDouble(last[1]);
        double fixed = Double.parseDouble(last[2]);
        double reference = Double.parseDouble(last[3]);
        assertThat(frozen).as("the drift costs accuracy").isLessThan(0.85);
        assertThat(fixed).as("adapted on int8 tensors").isGreaterThan(frozen + 0.1);
        assertThat(Math.abs(fixed - reference)).as("fixed point vs float reference").isLessThanOrEqualTo(0.07);

        code = run("adapt", "--model", dhm.toString(), "--data", stream.toString(), "--eval", eval.toString(),
                "--trainable", "input,bias", "--out", dir.resolve("o2").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--trainable input needs a raw input stage, and " + dhm
                + " takes int8 input: train bias and/or last-layer");
        assertThat(Files.exists(dir.resolve("o2"))).isFalse();
    }

    /**
     * {@code --int8-in}: a model without metadata to standardise with (as imported from .tflite) adapts on CSVs of
     * its int8 input tensors; a value that is not int8 is an error at its cell; the flag makes no sense for a model
     * with an input stage.
     */
    @Test
    void int8TensorsFromTheCsvForAModelWithoutMetadata() throws Exception {
        byte[] blob = new ModelBuilder().input(0, Float.floatToRawIntBits(1f / 16))
                .fullyConnected(4, 2).weights(new byte[] {64, 64, -64, -64, -64, -64, 64, 64}).bias(new int[] {0, 0})
                .perTensor(1 << 30, -6, Float.floatToRawIntBits(1f / 64)).output(0, Float.floatToRawIntBits(0.125f))
                .activation(Activation.NONE, -128, 127).add()
                .softmax(1 << 30, 23, Float.floatToRawIntBits(1f)).build();
        Path int8Model = dir.resolve("int8.dhm");
        Files.write(int8Model, blob);
        Interpreter in = new Interpreter(Model.load(blob));
        Random r = new Random(5);
        StringBuilder b = new StringBuilder("a,b,c,d,label\n");
        for (int i = 0; i < 80; i++) {
            byte[] q = new byte[4];
            for (int f = 0; f < 4; f++) {
                q[f] = (byte) (r.nextInt(161) - 80);
            }
            in.setInput(q, 0);
            in.invoke();
            b.append(q[0]).append(',').append(q[1]).append(',').append(q[2]).append(',').append(q[3]).append(',')
                    .append(in.argMax()).append('\n');
        }
        Files.writeString(stream, b);
        Path o = dir.resolve("o");
        int code = run("adapt", "--model", int8Model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", stream.toString(), "--int8-in", "--drift", "offset=20", "--trainable", "bias",
                "--eval-every", "20", "--out", o.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("drift: gain=1,offset=20,min=-80,max=80");
        assertThat(Files.readAllLines(o.resolve("adapt-log.csv"))).hasSize(1 + 5);          // 0, 20, ..., 80

        Files.writeString(eval, "a,b,c,d,label\n1,2,3,4,0\n5,300,7,8,1\n");
        err.getBuffer().setLength(0);
        code = run("adapt", "--model", int8Model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--int8-in", "--trainable", "bias", "--out", dir.resolve("o3").toString());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString().strip()).startsWith("downhill: " + eval + ":3:2").contains("'300' is not an int8 value")
                .doesNotContain("\n");
        assertThat(Files.exists(dir.resolve("o3"))).isFalse();

        err.getBuffer().setLength(0);
        code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", stream.toString(), "--int8-in", "--out", dir.resolve("o4").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--int8-in is for a model that takes int8 input");
    }

    /**
     * Iris in cm, read by the stage in tenths of a cm: adapt runs end to end, and {@code --drift offset=0.5} means
     * 0.5 cm (5 tenths), exactly as if the CSV itself had been drifted by 0.5 cm.
     */
    @Test
    void decimalDataAdaptAndTheDriftOffsetIsInTheCsvsUnits() throws Exception {
        Path floats = dir.resolve("iris");
        assertThat(run("train", "--data", "bundled:iris-train", "--label", "label", "--hidden", "8", "--epochs", "30",
                "--quiet", "--out", floats.toString())).as(err.toString()).isZero();
        Path dhm = dir.resolve("iris.dhm");
        assertThat(run("quantize", "--model", floats.toString(), "--calibration", "bundled:iris-train", "--out",
                dhm.toString())).as(err.toString()).isZero();
        Path drifted = dir.resolve("drifted");
        int code = run("adapt", "--model", dhm.toString(), "--data", "bundled:iris-test", "--eval", "bundled:iris-test",
                "--drift", "offset=0.5,min=-100,max=100", "--eval-every", "5", "--out", drifted.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("drift: gain=1,offset=0.5,min=-100,max=100")
                .containsPattern("after 30 labelled samples: frozen \\d+\\.\\d\\d%, fixed-point adaptive \\d+\\.\\d\\d%, "
                        + "float reference \\d+\\.\\d\\d%");
        assertThat(drifted.resolve("adapt.png")).isNotEmptyFile();
        List<String> log = Files.readAllLines(drifted.resolve("adapt-log.csv"));
        assertThat(log).hasSize(1 + 7);                                     // 0, 5, ..., 30 samples

        // The same rows with 0.5 cm added in the file, no drift: the very same run.
        List<String> lines = dev.downhill.trainer.data.DataSource.of("bundled:iris-test").readText().lines().toList();
        StringBuilder shifted = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            for (int c = 0; c < 4; c++) {
                cells[c] = new java.math.BigDecimal(cells[c]).add(new java.math.BigDecimal("0.5")).toPlainString();
            }
            shifted.append(String.join(",", cells)).append('\n');
        }
        Path csv = dir.resolve("iris-test-plus-half-cm.csv");
        Files.writeString(csv, shifted);
        Path plain = dir.resolve("plain");
        assertThat(run("adapt", "--model", dhm.toString(), "--data", csv.toString(), "--eval", csv.toString(),
                "--eval-every", "5", "--out", plain.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllLines(plain.resolve("adapt-log.csv"))).isEqualTo(log);
    }

    /**
     * Regression models: the label column is the numeric target, the device steps towards it on the squared error
     * (int8 targets in the output's units), and the score is the mean absolute error in the target's units.
     */
    @Nested
    class Regression {

        private static final String HEADER = "samples_seen,frozen_mae,fixed_point_mae,float_reference_mae,"
                + "frozen_rmse,fixed_point_rmse,float_reference_rmse,applied";

        /**
         * The soil-moisture probe (test resource, README beside it): two channels of one ADC, target moisture %.
         * A sagging ADC reference (gain 0.9, offset 30 counts on both channels) multiplies the frozen model's MAE;
         * 120 labelled samples on the default recipe bring it back near the undrifted figure, and the device's
         * fixed-point path stays within 0.2 moisture points of the float reference (measured: 0.57 undrifted,
         * 2.54 drifted, 0.64 fixed point, 0.64 float reference).
         */
        @Test
        void aDriftRaisesTheFrozenMaeAndAdaptationLowersItAsFarAsTheFloatReference() throws Exception {
            Path dhm = moistureModel(false);
            Path plain = dir.resolve("plain");
            assertThat(run("adapt", "--model", dhm.toString(), "--data", moisture("stream"), "--eval",
                    moisture("eval"), "--eval-every", "20", "--out", plain.toString())).as(err.toString()).isZero();
            double undrifted = Double.parseDouble(Files.readAllLines(plain.resolve("adapt-log.csv")).get(1)
                    .split(",")[1]);

            err.getBuffer().setLength(0);
            out.getBuffer().setLength(0);
            Path o = dir.resolve("drifted");
            int code = run("adapt", "--model", dhm.toString(), "--data", moisture("stream"), "--eval",
                    moisture("eval"), "--drift", "gain=0.9,offset=30", "--eval-every", "20", "--out", o.toString());
            assertThat(code).as(err.toString()).isZero();
            List<String> log = Files.readAllLines(o.resolve("adapt-log.csv"));
            assertThat(log.get(0)).isEqualTo(HEADER);
            assertThat(log).hasSize(1 + 7);                                 // 0, 20, ..., 120 samples
            double[] first = numbers(log.get(1));
            double[] last = numbers(log.get(7));
            assertThat(first[2]).as("before any sample the adapter is the frozen model").isEqualTo(first[1]);
            assertThat(first[5]).isEqualTo(first[4]);
            double frozen = last[1];
            double fixed = last[2];
            double reference = last[3];
            assertThat(frozen).as("the drift raises the frozen MAE").isGreaterThan(3 * undrifted);
            assertThat(fixed).as("adaptation lowers it").isLessThan(0.4 * frozen);
            assertThat(Math.abs(fixed - reference)).as("fixed point vs float reference, moisture %")
                    .isLessThanOrEqualTo(0.2);
            assertThat(frozen - fixed).as("fixed-point gain vs the float reference's").isGreaterThan(
                    0.85 * (frozen - reference));
            for (int c = 1; c <= 3; c++) {
                assertThat(last[c + 3]).as("RMSE >= MAE, column %d", c).isGreaterThanOrEqualTo(last[c]);
            }
            assertThat(last[7]).isEqualTo(120);
            assertThat(out.toString()).contains("squared-error loss", "guards none", "drift: gain=0.9,offset=30,")
                    .containsPattern("after 120 labelled samples: frozen MAE \\d\\.\\d{3}, fixed-point adaptive MAE "
                            + "0\\.\\d{4}, float reference MAE 0\\.\\d{4} \\(in 'moisture_pct'; 120 applied\\)");
            // the quantiser leaves the output a quarter of headroom beyond the calibration's range, so the stream's
            // lowest target (-1.4 at line 112, below every calibration prediction) reaches the device unsaturated
            assertThat(err.toString()).isEmpty();
            byte[] png = Files.readAllBytes(o.resolve("adapt.png"));
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }

        /** Quantised without an input stage: the biases adapt on the int8 tensors the driver makes. */
        @Test
        void aModelWithoutAnInputStageAdaptsItsBiasesOnInt8Tensors() throws Exception {
            Path dhm = moistureModel(true);
            Path o = dir.resolve("o");
            int code = run("adapt", "--model", dhm.toString(), "--data", moisture("stream"), "--eval",
                    moisture("eval"), "--drift", "gain=0.9,offset=30", "--eval-every", "40", "--out", o.toString());
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("recipe: bias,");
            double[] last = numbers(Files.readAllLines(o.resolve("adapt-log.csv")).get(4));
            assertThat(last[2]).as("biases only recover part of the drift (measured 2.54 -> 1.42)")
                    .isLessThan(0.7 * last[1]);
            assertThat(Math.abs(last[2] - last[3])).as("fixed point vs float reference").isLessThanOrEqualTo(0.15);
        }

        /**
         * A model without metadata: its last layer says regression, targets are in the output's own units (no
         * target scaling), the label column must be named. Targets from the model itself: undrifted MAE 0.
         */
        @Test
        void aModelWithoutMetadataAdaptsOnTargetsInItsOutputsUnits() throws Exception {
            writeDifferenceModelAndData();
            Path o = dir.resolve("o");
            int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "y",
                    "--eval", eval.toString(), "--drift", "gain=0.5,offset=4", "--eval-every", "20", "--out",
                    o.toString());
            assertThat(code).as(err.toString()).isZero();
            assertThat(err.toString()).isEmpty();
            List<String> log = Files.readAllLines(o.resolve("adapt-log.csv"));
            assertThat(log.get(0)).isEqualTo(HEADER);
            double[] last = numbers(log.get(log.size() - 1));
            assertThat(last[0]).isEqualTo(80);
            assertThat(last[1]).as("drifted frozen MAE").isGreaterThan(1);
            assertThat(last[2]).as("adapted").isLessThan(0.5 * last[1]);

            Path plain = dir.resolve("plain");
            assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "y",
                    "--eval", eval.toString(), "--out", plain.toString())).isZero();
            assertThat(numbers(Files.readAllLines(plain.resolve("adapt-log.csv")).get(1))[1])
                    .as("the targets are the model's own outputs").isZero();
        }

        @Test
        void targetsBeyondTheOutputsRangeSaturateWithOneNoteNamingTheFirst() throws Exception {
            writeDifferenceModelAndData();
            Files.writeString(stream, "a,b,y\n3,5,-1\n4,1,100\n2,2,0\n1,9,-40.5\n");
            int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "y",
                    "--eval", eval.toString(), "--out", dir.resolve("o").toString());
            assertThat(code).as(err.toString()).isZero();
            assertThat(err.toString()).as("the first line, whatever notes on the result follow")
                .startsWith("note: " + stream + ": 2 targets lie outside what the model's int8 "
                    + "output holds (-16..15.88) and reach the device saturated to -128..127 (first: " + stream
                    + ":3:3 100)" + System.lineSeparator());
        }

        @Test
        void aTargetThatIsNotANumberIsAnErrorAtItsCell() throws Exception {
            writeDifferenceModelAndData();
            Files.writeString(stream, "a,b,y\n3,5,-1\n4,1,wet\n");
            int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "y",
                    "--eval", eval.toString(), "--out", dir.resolve("o").toString());
            assertThat(code).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString()).isEqualTo("downhill: " + stream + ":3:3: column 'y': not a number: 'wet'"
                    + System.lineSeparator());
            assertThat(Files.exists(dir.resolve("o"))).isFalse();

            err.getBuffer().setLength(0);
            Files.writeString(eval, "y,b,a\n1.5,2,3\n,4,5\n");
            code = run("adapt", "--model", model.toString(), "--data", eval.toString(), "--label", "y",
                    "--eval", eval.toString(), "--out", dir.resolve("o").toString());
            assertThat(code).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString().strip()).isEqualTo("downhill: " + eval + ":3:1: column 'y': missing value");
        }

        /** The device runs no guard on a regression step, so naming one is a usage error, not a silent no-op. */
        @Test
        void guardsOtherThanNoneOrDefaultAreAUsageError() throws Exception {
            writeDifferenceModelAndData();
            for (String guard : List.of("skip-contradiction", "loss-check", "agreement-monitor,loss-check")) {
                err.getBuffer().setLength(0);
                int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "y",
                        "--eval", eval.toString(), "--guards", guard, "--out", dir.resolve("o").toString());
                assertThat(code).as(guard).isEqualTo(ExitCodes.USAGE);
                assertThat(err.toString()).startsWith("downhill: --guards " + guard + ": " + model + " is a regression "
                        + "model, which the device adapts without guards");
                assertThat(Files.exists(dir.resolve("o"))).isFalse();
            }
            int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "y",
                    "--eval", eval.toString(), "--guards", "none", "--out", dir.resolve("o").toString());
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("guards none");
        }

        @Test
        void aFullyConnectedLastLayerWithSeveralOutputsIsRefusedBeforeReadingData() throws Exception {
            byte[] blob = new ModelBuilder().input(0, Float.floatToRawIntBits(1f / 16))
                    .inputStage(8, new int[] {8 << 8, 8 << 8}, new int[] {1 << 30}, new int[] {-4})
                    .fullyConnected(2, 2).weights(new byte[] {64, -64, -64, 64}).bias(new int[] {0, 0})
                    .perTensor(1 << 30, -6, Float.floatToRawIntBits(1f / 64)).output(0, Float.floatToRawIntBits(0.125f))
                    .activation(Activation.NONE, -128, 127).add().build();
            Files.write(model, blob);
            int code = run("adapt", "--model", model.toString(), "--data", "missing.csv", "--label", "y",
                    "--eval", "missing.csv", "--out", dir.resolve("o").toString());
            assertThat(code).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString().strip()).isEqualTo("downhill: " + model + ": has 2 outputs from a fully "
                    + "connected last layer; 'downhill adapt' takes such a model as regression on one target column, "
                    + "so it needs one output (a classifier needs a SOFTMAX last layer)");
        }

        /** Trains and quantises the soil-moisture model (optionally without an input stage). */
        private Path moistureModel(boolean noInputStage) {
            String train = moisture("train");
            Path floats = dir.resolve("moisture");
            assertThat(run("train", "--data", train, "--label", "moisture_pct", "--task", "regress", "--hidden", "8",
                    "--epochs", "100", "--lr", "0.03", "--quiet", "--out", floats.toString())).as(err.toString())
                    .isZero();
            Path dhm = dir.resolve(noInputStage ? "moisture-int8.dhm" : "moisture.dhm");
            List<String> args = new java.util.ArrayList<>(List.of("quantize", "--model", floats.toString(),
                    "--calibration", train, "--out", dhm.toString()));
            if (noInputStage) {
                args.add("--no-input-stage");
            }
            assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
            err.getBuffer().setLength(0);
            out.getBuffer().setLength(0);
            return dhm;
        }

        private String moisture(String part) {
            return QuantizerCliFixture.resource(dir, "moisture-" + part + ".csv").toString();
        }

        /**
         * Replaces the classifier with a model without metadata, {@code y ≈ (a − b) / 2} for readings 0..16 (output
         * scale 1/8, zero point 0: -16..15.875), and writes stream and evaluation rows labelled with its own outputs.
         */
        private void writeDifferenceModelAndData() throws Exception {
            byte[] blob = new ModelBuilder().input(0, Float.floatToRawIntBits(1f / 16))
                    .inputStage(8, new int[] {8 << 8, 8 << 8}, new int[] {1 << 30}, new int[] {-4})
                    .fullyConnected(2, 1).weights(new byte[] {64, -64}).bias(new int[] {0})
                    .perTensor(1 << 30, -6, Float.floatToRawIntBits(1f / 64)).output(0, Float.floatToRawIntBits(0.125f))
                    .activation(Activation.NONE, -128, 127).add().build();
            Files.write(model, blob);
            Interpreter in = new Interpreter(Model.load(blob));
            Random r = new Random(21);
            Files.writeString(stream, differenceRows(in, r, 80));
            Files.writeString(eval, differenceRows(in, r, 40));
        }

        private static String differenceRows(Interpreter in, Random r, int n) {
            StringBuilder b = new StringBuilder("a,b,y\n");
            for (int i = 0; i < n; i++) {
                int[] x = {r.nextInt(17), r.nextInt(17)};
                in.invoke(x, 0);
                b.append(x[0]).append(',').append(x[1]).append(',').append(0.125 * in.output(0)).append('\n');
            }
            return b.toString();
        }

        private static double[] numbers(String csvLine) {
            return Arrays.stream(csvLine.split(",")).mapToDouble(Double::parseDouble).toArray();
        }
    }

    /** Trains and quantises a 3-input "hi"/"lo" classifier with a raw input stage. */
    private Path namedClassModel() throws Exception {
        Path train = dir.resolve("named-train.csv");
        Files.writeString(train, namedRows(new Random(2), 400, false));
        Path floatModel = dir.resolve("named-float");
        assertThat(run("train", "--data", train.toString(), "--label", "kind", "--hidden", "8", "--epochs", "30",
                "--quiet", "--out", floatModel.toString())).as(err.toString()).isZero();
        Path dhm = dir.resolve("named.dhm");
        assertThat(run("quantize", "--model", floatModel.toString(), "--calibration", train.toString(), "--out",
                dhm.toString())).as(err.toString()).isZero();
        return dhm;
    }

    /** Class "hi" when a + b > 2c, else "lo"; training order a,kind,b,c, shuffled order c,b,kind,a. */
    private static String namedRows(Random r, int n, boolean shuffledColumns) {
        StringBuilder b = new StringBuilder(shuffledColumns ? "c,b,kind,a\n" : "a,kind,b,c\n");
        for (int i = 0; i < n; i++) {
            int a = r.nextInt(201) - 100;
            int bb = r.nextInt(201) - 100;
            int c = r.nextInt(201) - 100;
            if (Math.abs(a + bb - 2 * c) < 10) {
                i--;
                continue;                                              // keep a margin so a small model is sure
            }
            String kind = a + bb > 2 * c ? "hi" : "lo";
            b.append(shuffledColumns ? c + "," + bb + "," + kind + "," + a : a + "," + kind + "," + bb + "," + c)
                    .append('\n');
        }
        return b.toString();
    }
}

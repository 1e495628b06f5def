package dev.downhill.trainer.cli;

import static dev.downhill.trainer.cli.QuantizerCliFixture.assertOneLineError;
import static dev.downhill.trainer.cli.QuantizerCliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.cli.QuantizerCliFixture.Run;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.FeatureTable;
import dev.downhill.trainer.export.GoldenCase;
import dev.downhill.trainer.export.GoldenVectors;
import dev.downhill.trainer.export.Provenance;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.quantize.FeatureQuantizer;
import dev.downhill.trainer.quantize.QuantizedMultiplier;
import dev.downhill.trainer.quantize.Rounding;
import java.io.IOException;
import java.nio.file.Files;
import dev.downhill.runtime.format.build.ModelBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    static Path shared;
    static Path dhm;
    static byte[] bytes;

    @TempDir
    Path dir;

    @BeforeAll
    static void quantize() throws IOException {
        dhm = QuantizerCliFixture.quantizedDigits(shared);
        bytes = Files.readAllBytes(dhm);
    }

    @Test
    void javaSourceLandsInItsPackageDirectory() throws IOException {
        Run r = run("export", "--model", dhm.toString(), "--format", "java", "--package", "com.acme", "--class",
                "DigitsModel", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String source = Files.readString(dir.resolve("com/acme/DigitsModel.java"));
        assertThat(source).contains("package com.acme;").contains("public final class DigitsModel")
                .contains("public static final int LENGTH = " + bytes.length + ";")
                .contains("Regenerate with: downhill export --model digits.dhm --format java --package com.acme "
                        + "--class DigitsModel --out DIR");
    }

    @Test
    void cHeaderGoesToTheNamedFile() throws IOException {
        Path h = dir.resolve("model.h");
        Run r = run("export", "--model", dhm.toString(), "--format", "c", "--out", h.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(h)).contains("#define DOWNHILL_MODEL_LEN " + bytes.length + "u");
    }

    @Test
    void goldenVectorsReplayThroughTheRuntime() throws IOException {
        Path g = dir.resolve("digits.dhgv");
        Run r = run("export", "--model", dhm.toString(), "--format", "golden", "--data", "bundled:digits-test", "--rows",
                "25", "--out", g.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        GoldenVectors golden = GoldenVectors.read(Files.readAllBytes(g), "digits.dhgv");
        assertThat(golden.cases()).hasSize(25);
        assertThat(golden.modelSha256Hex()).isEqualTo(Provenance.sha256(bytes));
        assertThat(golden.source()).isEqualTo("bundled:digits-test rows 1-25");
        Interpreter in = new Interpreter(Model.load(bytes), Interpreter.RETAIN_ACTIVATIONS);
        for (GoldenCase c : golden.cases()) {
            in.invoke(c.raw(), 0);
            for (int l = 0; l < c.outputs().length; l++) {
                for (int i = 0; i < c.outputs()[l].length; i++) {
                    assertThat(in.activations()[in.layerOutputOffset(l) + i]).isEqualTo(c.outputs()[l][i]);
                }
            }
        }
    }

    @Test
    void goldenVectorsFromRawFeaturesOfAModelWithoutInputStageAreQuantisedOnTheHost() throws IOException {
        Path int8Model = dir.resolve("int8in.dhm");
        Run q = run("quantize", "--model", shared.resolve("float").toString(), "--calibration", "bundled:digits-train",
                "--no-input-stage", "--out", int8Model.toString());
        assertThat(q.exit()).as(q.err()).isZero();
        Path g = dir.resolve("int8in.dhgv");
        Run r = run("export", "--model", int8Model.toString(), "--format", "golden", "--data", "bundled:digits-test",
                "--rows", "5", "--out", g.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        byte[] model = Files.readAllBytes(int8Model);
        FeatureQuantizer driver = FeatureQuantizer.of(FloatModel.load(shared.resolve("float")).standardizer(),
                Model.load(model));
        FeatureTable rows = FeatureTable.read(CsvTable.read(DataSource.of("bundled:digits-test")),
                digitsFeatures(), "label");
        GoldenVectors golden = GoldenVectors.read(Files.readAllBytes(g), "int8in.dhgv");
        assertThat(golden.cases()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            GoldenCase c = golden.cases().get(i);
            assertThat(c.raw()).isNull();
            assertThat(c.input()).isEqualTo(driver.quantize(rows.row(i)));
        }
    }

    private static java.util.List<String> digitsFeatures() {
        return java.util.stream.IntStream.range(0, 64).mapToObj(i -> "p" + i).toList();
    }

    @Test
    void unreadableModelIsOneLineAndWritesNothing() throws IOException {
        Path bad = dir.resolve("bad.dhm");
        Files.write(bad, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'm', 'o', 'd', 'e', 'l'});
        Run r = run("export", "--model", bad.toString(), "--format", "c", "--out", dir.resolve("x.h").toString());
        assertOneLineError(r, ExitCodes.FAILED, "bad.dhm: not a valid .dhm model:");
        assertThat(r.err()).contains("byte");
        assertThat(dir.resolve("x.h")).doesNotExist();
        Run missing = run("export", "--model", dir.resolve("nope.dhm").toString(), "--format", "c", "--out", dir.toString());
        assertOneLineError(missing, ExitCodes.FAILED, "nope.dhm: no such file");
    }

    @Test
    void refusesUnknownFormatsAndMissingOptions() {
        assertOneLineError(run("export", "--model", dhm.toString(), "--format", "onnx", "--out", dir.toString()),
                ExitCodes.USAGE, "--format must be java, c, golden or tflite, got 'onnx'");
        assertOneLineError(run("export", "--model", dhm.toString(), "--format", "java", "--out", dir.toString()),
                ExitCodes.USAGE, "--format java needs --class");
        assertOneLineError(run("export", "--model", dhm.toString(), "--format", "java", "--class", "int", "--out",
                dir.toString()), ExitCodes.USAGE, "'int' is not a valid Java class name");
    }

    /** Golden vectors written over the CSV they are made from, or over the model, would destroy an input. */
    @Test
    void anOutputThatIsAnInputIsRefused() throws IOException {
        Path csv = dir.resolve("rows.csv");
        String text = "p0\n1\n";
        Files.writeString(csv, text);
        assertOneLineError(run("export", "--model", dhm.toString(), "--format", "golden", "--data", csv.toString(),
                "--out", csv.toString()), ExitCodes.USAGE, "--out " + csv + " is the --data file; writing it would "
                + "replace the input: choose another output file");
        assertThat(Files.readString(csv)).isEqualTo(text);
        assertOneLineError(run("export", "--model", dhm.toString(), "--format", "c", "--out", dhm.toString()),
                ExitCodes.USAGE, "is the --model file");
        assertThat(Files.readAllBytes(dhm)).isEqualTo(bytes);
    }

    @Test
    void tfliteRefusesAModelWithARawInputStage() {
        Run r = run("export", "--model", dhm.toString(), "--format", "tflite", "--out", dir.resolve("m.tflite").toString());
        assertOneLineError(r, ExitCodes.FAILED, "cannot export to TFLite");
        assertThat(dir.resolve("m.tflite")).doesNotExist();
    }

    @Test
    void theTfliteNoteNamesTheTensorFlowLiteBuildsThatComputeTheModelsBits() {
        assertThat(ExportCommand.tfliteRuntimeNote(Model.load(tiny(Rounding.DOUBLE, false))))
                .startsWith("note: this model's bits are computed by TensorFlow Lite Micro and TensorFlow Lite 2.2.0's"
                        + " interpreter (rounding double); other builds differ");
        assertThat(ExportCommand.tfliteRuntimeNote(Model.load(tiny(Rounding.SINGLE, false))))
                .startsWith("note: this model's bits are computed by TensorFlow Lite 2.6.2's interpreter and LiteRT.js"
                        + " 2.5.3 (rounding single)");
        assertThat(ExportCommand.tfliteRuntimeNote(Model.load(tiny(Rounding.DOUBLE_HALF_UP, false))))
                .startsWith("note: this model's bits are computed by TensorFlow Lite 2.9.0's interpreter"
                        + " (rounding double-half-up)");
        assertThat(ExportCommand.tfliteRuntimeNote(Model.load(tiny(Rounding.DOUBLE, true))))
                .startsWith("note: this model's bits are computed by TensorFlow Lite Micro (rounding double,"
                        + " per-channel weights, which TensorFlow Lite's interpreter up to 2.9.0 runs wrongly)");
        assertThat(ExportCommand.tfliteRuntimeNote(Model.load(tiny(Rounding.SINGLE, true))))
                .startsWith("note: this model's bits are computed by LiteRT.js 2.5.3 (rounding single, per-channel");
        assertThat(ExportCommand.tfliteRuntimeNote(Model.load(tiny(Rounding.DOUBLE_HALF_UP, true))))
                .startsWith("note: no measured TensorFlow Lite build computes this model's bits: TensorFlow Lite"
                        + " 2.9.0's interpreter rounds like it");
    }

    @Test
    void exportingToTflitePrintsTheNoteBesideTheFile(@TempDir Path dir) throws Exception {
        Path dhm = dir.resolve("m.dhm");
        Files.write(dhm, tiny(Rounding.DOUBLE_HALF_UP, false));
        Run r = run("export", "--model", dhm.toString(), "--format", "tflite", "--out", dir.resolve("m.tflite").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("this model's bits are computed by TensorFlow Lite 2.9.0's interpreter");
        assertThat(dir.resolve("m.tflite")).exists();
    }

    /** A 2-2 model whose stored multipliers are the ones TFLite derives from its scales (so it exports). */
    private static byte[] tiny(Rounding rounding, boolean perChannel) {
        int scale = Float.floatToRawIntBits(0.1f);
        QuantizedMultiplier t = QuantizedMultiplier.perTensor(0.1f, 0.1f, 0.1f);
        QuantizedMultiplier c = QuantizedMultiplier.perChannel(0.1f, 0.1f, 0.1f);
        ModelBuilder.FullyConnectedLayer fc = new ModelBuilder().rounding(rounding.headerFlag()).input(0, scale)
                .fullyConnected(2, 2).weights(new byte[] {1, 2, 3, 4}).bias(new int[] {0, 0});
        fc = perChannel ? fc.perChannel(new int[] {c.multiplier(), c.multiplier()}, new int[] {c.shift(), c.shift()},
                new int[] {scale, scale}) : fc.perTensor(t.multiplier(), t.shift(), scale);
        return fc.output(0, scale).add().build();
    }

    /**
     * A model of decimal sensor data: the exported sources tell the firmware author each feature's unit (and the C
     * header gives them as an initialiser a compiler accepts), and golden vectors hold the readings in those units,
     * which {@code check --golden} replays bit-exactly.
     */
    @Test
    void exportsOfADecimalModelNameTheUnitOfEachReading() throws Exception {
        Path train = QuantizerCliFixture.resource(dir, "sensors-train.csv");
        Path test = QuantizerCliFixture.resource(dir, "sensors-test.csv");
        Path floats = dir.resolve("sensors");
        assertThat(run("train", "--data", train.toString(), "--label", "state", "--epochs", "30", "--quiet", "--out",
                floats.toString()).exit()).isZero();
        Path sensors = dir.resolve("sensors.dhm");
        assertThat(run("quantize", "--model", floats.toString(), "--calibration", train.toString(), "--out",
                sensors.toString()).exit()).isZero();

        Path h = dir.resolve("sensors.h");
        Run r = run("export", "--model", sensors.toString(), "--format", "c", "--class", "sensors", "--out", h.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(h)).contains(" * Raw input: the model's input stage takes one int16 reading "
                        + "(-32768..32767) per feature, in this\n")
                .contains(" *     0  temp_c       units of 0.01\n *     1  pressure_pa  units of 10\n"
                        + " *     2  accel_g      units of 0.001\n")
                .contains("#define SENSORS_INPUT_DECIMALS { 2, -1, 3 }\n");
        if (Files.isExecutable(Path.of("/usr/bin/gcc"))) {
            Files.writeString(dir.resolve("main.c"), """
                    #include <stdio.h>
                    #include <stdint.h>
                    #include "sensors.h"
                    int main(void) {
                        static const int8_t decimals[] = SENSORS_INPUT_DECIMALS;
                        printf("%d %d %d %u\\n", decimals[0], decimals[1], decimals[2], (unsigned) SENSORS_LEN);
                        return 0;
                    }
                    """);
            assertThat(exec(dir, "gcc", "-std=c11", "-Wall", "-Werror", "-o", "main", "main.c") + exec(dir, "./main"))
                    .isEqualTo("2 -1 3 " + Files.size(sensors) + "\n");
        }

        r = run("export", "--model", sensors.toString(), "--format", "java", "--class", "Sensors", "--out",
                dir.resolve("src").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("src/Sensors.java")))
                .contains(" *     1  pressure_pa  units of 10\n").contains("public final class Sensors");
        // Every unit 1: nothing to add, the sources are as they always were.
        Run c = run("export", "--model", dhm.toString(), "--format", "c", "--out", dir.resolve("d.h").toString());
        assertThat(c.exit()).isZero();
        assertThat(Files.readString(dir.resolve("d.h"))).doesNotContain("Raw input").doesNotContain("INPUT_DECIMALS");

        Path g = dir.resolve("sensors.dhgv");
        r = run("export", "--model", sensors.toString(), "--format", "golden", "--data", test.toString(), "--out",
                g.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        GoldenVectors golden = GoldenVectors.read(Files.readAllBytes(g), "sensors.dhgv");
        assertThat(golden.source()).isEqualTo(test + " rows 1-60 as raw readings (feature temp_c in units of "
                + "0.01; feature pressure_pa in units of 10; feature accel_g in units of 0.001)");
        // Row 1 of sensors-test.csv: 20.59 C, 99617 Pa, -0.421 g.
        String[] first = Files.readAllLines(test).get(1).split(",");
        assertThat(golden.cases().get(0).raw()).containsExactly(
                new java.math.BigDecimal(first[0]).movePointRight(2).intValueExact(),
                new java.math.BigDecimal(first[1]).movePointLeft(1).setScale(0, java.math.RoundingMode.HALF_UP)
                        .intValueExact(),
                new java.math.BigDecimal(first[2]).movePointRight(3).intValueExact());
        Run check = run("check", "--model", sensors.toString(), "--float", floats.toString(), "--data", test.toString(),
                "--golden", g.toString(), "--max-accuracy-drop", "5");
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("pass golden: 0 of 60 cases differ").contains("pass allocation-adaptation");
    }

    private static String exec(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    /** The format table in --help must stay a table: every row on one line of picocli's 79 columns. */
    @Test
    void helpListsEachFormatOnOneLine() {
        Run help = run("export", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out().lines().toList())
                .contains("  java    --package P --class C --out SRC_DIR: Java 8 source, load() -> Model")
                .contains("  golden  --data F.csv [--rows N] --out F.dhgv: every layer's int8 output")
                .contains("  --class DigitsModel --out src");
    }
}

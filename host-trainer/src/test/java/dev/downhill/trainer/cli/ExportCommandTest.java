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
import java.io.IOException;
import java.nio.file.Files;
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

    @Test
    void tfliteRefusesAModelWithARawInputStage() {
        Run r = run("export", "--model", dhm.toString(), "--format", "tflite", "--out", dir.resolve("m.tflite").toString());
        assertOneLineError(r, ExitCodes.FAILED, "cannot export to TFLite");
        assertThat(dir.resolve("m.tflite")).doesNotExist();
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

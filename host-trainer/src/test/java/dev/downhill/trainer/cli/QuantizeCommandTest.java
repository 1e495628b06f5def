package dev.downhill.trainer.cli;

import static dev.downhill.trainer.cli.QuantizerCliFixture.assertOneLineError;
import static dev.downhill.trainer.cli.QuantizerCliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.format.ModelFormat;
import dev.downhill.trainer.cli.QuantizerCliFixture.Run;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.export.ModelMetadata;
import dev.downhill.trainer.export.Provenance;
import dev.downhill.trainer.quantize.RawUnits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizeCommandTest {

    @TempDir
    static Path shared;
    static Path floatModel;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        floatModel = QuantizerCliFixture.trainDigits(shared);
    }

    @Test
    void writesModelAndCardAndComparesOnTheTestData() throws IOException {
        Path out = dir.resolve("m.dhm");
        Run r = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train",
                "--test", "bundled:digits-test", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("input raw integers (standardisation folded in)")
                .containsPattern("on bundled:digits-test \\(360 samples\\): float accuracy \\d+\\.\\d\\d%, int8 accuracy");
        Model m = Model.load(Files.readAllBytes(out));
        assertThat(m.hasInputStage()).isTrue();
        assertThat(m.inputSize()).isEqualTo(64);
        assertThat(m.outputSize()).isEqualTo(10);
        JsonNode card = new ObjectMapper().readTree(dir.resolve("m.dhm.json").toFile());
        assertThat(card.path("accuracy").path("samples").asInt()).isEqualTo(360);
        assertThat(card.path("accuracy").path("int8").asDouble()).isGreaterThan(0.5);
        assertThat(card.path("quantization").path("calibrationRows").asInt()).isEqualTo(1437);
        assertThat(card.path("training").path("epochs").asInt()).isEqualTo(4);
    }

    @Test
    void roundingSingleWritesASingleRoundingModelAndSaysSoInTheCard() throws IOException {
        Path twice = dir.resolve("double.dhm");
        Path once = dir.resolve("single.dhm");
        Run a = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train",
                "--no-input-stage", "--out", twice.toString());
        Run b = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train",
                "--no-input-stage", "--rounding", "single", "--out", once.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(b.exit()).as(b.err()).isZero();

        assertThat(ModelFields.rounding(Model.load(Files.readAllBytes(twice)))).isZero();
        assertThat(ModelFields.rounding(Model.load(Files.readAllBytes(once)))).isEqualTo(ModelFormat.FLAG_SINGLE_ROUNDING);
        JsonNode card = new ObjectMapper().readTree(dir.resolve("single.dhm.json").toFile());
        assertThat(card.path("rounding").asText()).isEqualTo("single");
        // the same constants: only the header flag and the CRC differ
        byte[] x = Files.readAllBytes(twice);
        byte[] y = Files.readAllBytes(once);
        assertThat(y).hasSameSizeAs(x);
        int differing = 0;
        for (int i = 0; i < x.length; i++) {
            differing += x[i] != y[i] ? 1 : 0;
        }
        assertThat(differing).isBetween(1, 5);
    }

    @Test
    void perTensorWeightsGiveOneScalePerLayerAndRefuseQat() throws IOException {
        Path out = dir.resolve("pt.dhm");
        Run r = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train",
                "--test", "bundled:digits-test", "--weights", "per-tensor", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Model m = Model.load(Files.readAllBytes(out));
        for (int l = 0; l < m.layerCount(); l++) {
            if (m.isFullyConnected(l)) {
                assertThat(m.fullyConnected(l).isPerChannel()).as("layer %d", l).isFalse();
                assertThat(ModelFields.weightScaleCount(m, l)).isEqualTo(1);
            }
        }
        JsonNode card = new ObjectMapper().readTree(dir.resolve("pt.dhm.json").toFile());
        assertThat(card.path("accuracy").path("int8").asDouble()).isGreaterThan(0.5);

        Run qat = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train",
                "--weights", "per-tensor", "--qat-epochs", "1", "--out", dir.resolve("qat.dhm").toString());
        assertThat(qat.exit()).isNotZero();
        assertThat(qat.err()).contains("cannot fine-tune for --weights per-tensor");
        assertThat(dir.resolve("qat.dhm")).doesNotExist();

        Run bad = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train",
                "--weights", "per-row", "--out", dir.resolve("bad.dhm").toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("'per-row' is not a weight granularity: use per-channel or per-tensor");
    }

    @Test
    void trainQuantizeRunsTheWholeChain() throws IOException {
        Path model = dir.resolve("chain");
        Run r = run("train", "--data", "bundled:digits-train", "--label", "label", "--test", "bundled:digits-test",
                "--hidden", "8", "--epochs", "2", "--quiet", "--quantize", "--out", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("model written to").contains("wrote int8 model").contains("on bundled:digits-test");
        assertThat(Model.load(Files.readAllBytes(model.resolve("model.dhm"))).layerCount()).isEqualTo(3);
        assertThat(model.resolve("model.dhm.json")).exists();
    }

    @Test
    void percentileAndQatRun() {
        Run r = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-test",
                "--out", dir.resolve("p.dhm").toString(), "--calibration-method", "percentile", "--percentile", "99.9",
                "--qat-epochs", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        // No --test: the labelled calibration data is used for the comparison.
        assertThat(r.out()).contains("on bundled:digits-test (360 samples)");
    }

    /**
     * The standardisation travels in the metadata only when the host must apply it (int8 input): folded into a raw
     * input stage it would be about 2.4 KB of flash that nothing reads. The metadata is written without indentation.
     */
    @Test
    void standardisationIsStoredOnlyWhenItIsNotFoldedIn() throws IOException {
        Path folded = dir.resolve("folded.dhm");
        Path int8 = dir.resolve("int8.dhm");
        assertThat(run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train", "--out",
                folded.toString()).exit()).isZero();
        assertThat(run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train", "--out",
                int8.toString(), "--no-input-stage").exit()).isZero();
        Model foldedModel = Model.load(Files.readAllBytes(folded));
        Model int8Model = Model.load(Files.readAllBytes(int8));
        ModelMetadata foldedMeta = ModelCard.metadata(foldedModel, "folded.dhm");
        ModelMetadata int8Meta = ModelCard.metadata(int8Model, "int8.dhm");
        assertThat(foldedMeta.standardizer()).isNull();
        assertThat(foldedMeta.features()).hasSize(64);
        assertThat(int8Meta.standardizer()).isNotNull();
        assertThat(int8Meta.standardizer().mean()).hasSize(64);
        // 64 means and 64 deviations at full precision are most of the difference
        assertThat(ModelFields.metadataLength(int8Model) - ModelFields.metadataLength(foldedModel)).isGreaterThan(1500);
        assertThat(ModelFields.metadataLength(foldedModel)).isLessThan(1500);
        // predict still runs both: the folded one from raw integers, the int8 one through the stored standardisation
        for (Path m : new Path[] {folded, int8}) {
            Run p = run("predict", "--model", m.toString(), "--data", "bundled:digits-test", "--out",
                    dir.resolve(m.getFileName() + ".csv").toString());
            assertThat(p.exit()).as(p.err()).isZero();
        }
    }

    /** Iris, in cm with one decimal: the stage reads every feature in units of 0.1, and the model says so. */
    @Test
    void decimalDataGetAnInputStageReadingTenthsAndTheUnitsAreRecorded() throws IOException {
        Path iris = dir.resolve("iris");
        assertThat(run("train", "--data", "bundled:iris-train", "--label", "label", "--epochs", "30", "--quiet",
                "--out", iris.toString()).exit()).isZero();
        Path out = dir.resolve("iris.dhm");
        Run r = run("quantize", "--model", iris.toString(), "--calibration", "bundled:iris-train", "--test",
                "bundled:iris-test", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("input raw integers (standardisation folded in)")
                .contains("raw input: feature sepal_length_cm in units of 0.1\n"
                        + "raw input: feature sepal_width_cm in units of 0.1\n"
                        + "raw input: feature petal_length_cm in units of 0.1\n"
                        + "raw input: feature petal_width_cm in units of 0.1\n")
                .doesNotContain("note:");
        byte[] dhm = Files.readAllBytes(out);
        assertThat(Model.load(dhm).hasInputStage()).isTrue();
        ModelMetadata meta = ModelCard.metadata(Model.load(dhm), "iris.dhm");
        assertThat(meta.rawUnits()).isEqualTo(RawUnits.of(1, 1, 1, 1));
        assertThat(new String(dhm, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("\"rawUnitDecimals\"");
        JsonNode card = new ObjectMapper().readTree(dir.resolve("iris.dhm.json").toFile());
        assertThat(card.path("input").path("rawUnits").toString()).isEqualTo("[\"0.1\",\"0.1\",\"0.1\",\"0.1\"]");
        // The int8 model on the stage's readings does as well as the float model (iris readings are exact).
        assertThat(card.path("accuracy").path("int8").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(card.path("accuracy").path("agreement").asDouble()).isGreaterThanOrEqualTo(29.0 / 30);
        Run inspect = run("inspect", out.toString());
        assertThat(inspect.out()).contains("raw integer input stage\nraw input: feature sepal_length_cm in units of 0.1\n");

        // --no-input-stage keeps giving an int8-input model, whose metadata records no units.
        Path int8 = dir.resolve("iris-int8.dhm");
        r = run("quantize", "--model", iris.toString(), "--calibration", "bundled:iris-train", "--out", int8.toString(),
                "--no-input-stage");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("input int8").doesNotContain("raw input:");
        assertThat(Model.load(Files.readAllBytes(int8)).hasInputStage()).isFalse();
        assertThat(new String(Files.readAllBytes(int8), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("rawUnitDecimals");
    }

    /** Sensors in 0.01 C, Pa and 0.001 g: one unit per feature, pressure in tens of Pa to fit int16. */
    @Test
    void eachFeatureGetsItsOwnUnitAndCoarseningIsNoted() throws IOException {
        Path train = QuantizerCliFixture.resource(dir, "sensors-train.csv");
        Path floats = dir.resolve("sensors");
        assertThat(run("train", "--data", train.toString(), "--label", "state", "--epochs", "30", "--quiet",
                "--out", floats.toString()).exit()).isZero();
        Path out = dir.resolve("s.dhm");
        Run r = run("quantize", "--model", floats.toString(), "--calibration", train.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("raw input: feature temp_c in units of 0.01\n"
                + "raw input: feature pressure_pa in units of 10\n"
                + "raw input: feature accel_g in units of 0.001\n"
                + "note: pressure_pa has values finer than units of 10, the finest in which all of its values fit "
                + "-32768..32767; the device reads them rounded\n");
        assertThat(ModelCard.rawUnits(Model.load(Files.readAllBytes(out)), "s.dhm")).isEqualTo(RawUnits.of(2, -1, 3));

        // Test data beyond the stage's range in a unit are read as the device would: saturated, with a warning.
        Path hot = dir.resolve("hot.csv");
        Files.writeString(hot, "temp_c,pressure_pa,accel_g,state\n21.5,101000,0.25,ok\n21.5,101000,-33,ok\n");
        r = run("quantize", "--model", floats.toString(), "--calibration", train.toString(), "--test", hot.toString(),
                "--out", dir.resolve("hot.dhm").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("warning: " + hot + ": 1 value is beyond what an int16 reading in the model's raw "
                + "units holds and was saturated to -32768..32767, as the device's input stage does (first: " + hot
                + ":3:3 column 'accel_g' -33 = -33000 x 0.001, read as -32768); the calibration data did not reach "
                + "this far" + System.lineSeparator());
        assertThat(r.out()).contains("on " + hot + " (2 samples)");
    }

    /**
     * Integer data are read in units of 1, which must leave the model exactly as before raw units existed: the
     * demo's float digits model quantises to the very bytes of the committed demo model (firmware-demo's
     * {@code DemoModel}, generated from {@code model/demo-model.dhm}; a deliberate change of the quantiser's output
     * regenerates both, see {@code DemoModelExport.REGENERATE}).
     */
    @Test
    void integerDataGiveTheSameDhmAsBeforeRawUnits() throws IOException {
        Path floats = QuantizerCliFixture.resource(dir, "demo-float/model.json").getParent();
        Path out = dir.resolve("digits.dhm");
        Run r = run("quantize", "--model", floats.toString(), "--calibration", "bundled:digits-train", "--test",
                "bundled:digits-test", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("raw input: all 64 features in units of 1\n");
        assertThat(Provenance.sha256(Files.readAllBytes(out))).isEqualTo(dev.downhill.demo.DemoModel.SHA256);
        assertThat(Files.readAllBytes(out)).isEqualTo(dev.downhill.demo.DemoModel.bytes());
    }

    @Test
    void mismatchedCalibrationColumnsIsOneLineAndWritesNothing() throws IOException {
        Path csv = dir.resolve("calib.csv");
        Files.writeString(csv, "p0,p1,label\n1,2,3\n");
        Run r = run("quantize", "--model", floatModel.toString(), "--calibration", csv.toString(), "--out",
                dir.resolve("x.dhm").toString());
        assertOneLineError(r, ExitCodes.FAILED, "calib.csv:1: missing feature columns 'p2', 'p3', 'p4', 'p5', 'p6', "
                + "'p7', ... (62 in all)");
        assertOnlyInputsIn(dir, "calib.csv");
    }

    @Test
    void calibrationAndTestColumnsAreMatchedByNameAndOthersIgnored() throws IOException {
        // The digits files reversed column by column: same data, other order, label first.
        java.util.List<String> lines = DataSource.of("bundled:digits-test").readText().lines().toList();
        Path reversed = dir.resolve("reversed.csv");
        Files.write(reversed, lines.stream().map(QuantizeCommandTest::reverse).toList());
        Run straight = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-test",
                "--out", dir.resolve("a.dhm").toString());
        Run turned = run("quantize", "--model", floatModel.toString(), "--calibration", reversed.toString(),
                "--test", "bundled:digits-test", "--out", dir.resolve("b.dhm").toString());
        assertThat(turned.exit()).as(turned.err()).isZero();
        assertThat(turned.out().lines().skip(1)).isEqualTo(straight.out().lines().skip(1).toList());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("a.dhm.json").toFile());
        JsonNode b = new ObjectMapper().readTree(dir.resolve("b.dhm.json").toFile());
        assertThat(b.get("layers")).isEqualTo(a.get("layers"));

        // A column the model does not use (notes, an id) is read past and named once on stderr.
        Path extra = dir.resolve("extra.csv");
        Files.write(extra, lines.stream().map(l -> l + (l.startsWith("p0") ? ",note" : ",x")).toList());
        Run r = run("quantize", "--model", floatModel.toString(), "--calibration", extra.toString(), "--out",
                dir.resolve("x.dhm").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().lines().toList()).containsExactly(
                "note: " + extra + ": ignoring column 'note' (not a feature of the model)");
        assertThat(new ObjectMapper().readTree(dir.resolve("x.dhm.json").toFile()).get("layers"))
                .isEqualTo(a.get("layers"));
        r = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-test",
                "--test", extra.toString(), "--out", dir.resolve("y.dhm").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().lines().toList()).containsExactly(
                "note: " + extra + ": ignoring column 'note' (not a feature of the model)");
        assertThat(r.out()).contains("on " + extra + " (");
        // A missing feature stays an error naming the file and the column; nothing is written.
        Path missing = dir.resolve("missing.csv");
        Files.write(missing, lines.stream().map(l -> l.substring(l.indexOf(',') + 1)).toList());
        r = run("quantize", "--model", floatModel.toString(), "--calibration", missing.toString(), "--out",
                dir.resolve("z.dhm").toString());
        assertOneLineError(r, ExitCodes.FAILED, missing + ":1: missing feature column 'p0' that the model was trained with");
        assertThat(dir.resolve("z.dhm")).doesNotExist();
    }

    private static String reverse(String line) {
        java.util.List<String> cells = new java.util.ArrayList<>(java.util.Arrays.asList(line.split(",")));
        java.util.Collections.reverse(cells);
        return String.join(",", cells);
    }

    /** Two calibration rows: the model is written, with one warning that its ranges fit just those rows. */
    @Test
    void aHandfulOfCalibrationRowsGetsAWarning() throws IOException {
        Path csv = dir.resolve("two.csv");
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 64; i++) {
                s.append(i == 0 ? "" : ",").append(r == 0 ? "p" + i : String.valueOf((i * (r + 3)) % 17));
            }
            s.append('\n');
        }
        Files.writeString(csv, s.toString());
        Path out = dir.resolve("two.dhm");
        Run r = run("quantize", "--model", floatModel.toString(), "--calibration", csv.toString(), "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("warning: " + csv + ": only 2 rows to calibrate on; the int8 ranges (and raw "
                + "units) fit just these rows and clip or saturate other inputs: calibrate on the training data"
                + System.lineSeparator());
        assertThat(out).exists();
    }

    @Test
    void badCalibrationCellNamesLineAndColumn() throws IOException {
        Path csv = dir.resolve("calib.csv");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            s.append(i == 0 ? "" : ",").append('p').append(i);
        }
        s.append("\n");
        for (int i = 0; i < 64; i++) {
            s.append(i == 0 ? "" : ",").append(i == 5 ? "x" : "1");
        }
        Files.writeString(csv, s.append('\n').toString());
        Run r = run("quantize", "--model", floatModel.toString(), "--calibration", csv.toString(), "--out",
                dir.resolve("x.dhm").toString());
        assertOneLineError(r, ExitCodes.FAILED, "calib.csv:2:6: column 'p5': not a number: 'x'");
        assertOnlyInputsIn(dir, "calib.csv");
    }

    @Test
    void modelDirectoryFromAnotherVersionIsRefused() throws IOException {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        String json = Files.readString(floatModel.resolve("model.json"));
        Files.writeString(other.resolve("model.json"), json.replaceFirst("\"formatVersion\"\\s*:\\s*1", "\"formatVersion\" : 99"));
        Run r = run("quantize", "--model", other.toString(), "--calibration", "bundled:digits-train", "--out",
                dir.resolve("x.dhm").toString());
        assertOneLineError(r, ExitCodes.FAILED, "model.json: formatVersion is 99; this downhill reads version 1");
        assertThat(dir.resolve("x.dhm")).doesNotExist();
        assertThat(dir.resolve("x.dhm.json")).doesNotExist();
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        Run r = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train", "--out",
                dir.resolve("x.dhm").toString(), "--calibration-method", "median");
        assertOneLineError(r, ExitCodes.USAGE, "--calibration-method must be minmax or percentile, got 'median'");
        r = run("quantize", "--model", floatModel.toString(), "--calibration", "bundled:digits-train", "--out",
                dir.resolve("x.dhm").toString(), "--calibration-method", "percentile", "--percentile", "20");
        assertOneLineError(r, ExitCodes.USAGE, "--percentile must be in (50, 100]");
        assertThat(dir.resolve("x.dhm")).doesNotExist();
    }

    private static void assertOnlyInputsIn(Path dir, String... names) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(names);
        }
    }
}

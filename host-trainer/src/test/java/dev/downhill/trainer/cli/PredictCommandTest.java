package dev.downhill.trainer.cli;

import dev.downhill.runtime.format.ModelFields;
import static dev.downhill.trainer.cli.QuantizerCliFixture.assertOneLineError;
import static dev.downhill.trainer.cli.QuantizerCliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.cli.QuantizerCliFixture.Run;
import dev.downhill.trainer.data.Standardizer;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.export.ModelMetadata;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.quantize.DhmEncoder;
import dev.downhill.trainer.quantize.MinMaxCalibrator;
import dev.downhill.trainer.quantize.PostTrainingQuantizer;
import dev.downhill.trainer.quantize.QuantizedNetwork;
import dev.downhill.trainer.quantize.TrainerFloatNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

    @TempDir
    static Path shared;
    static Path dhm;

    @TempDir
    Path dir;

    @BeforeAll
    static void quantize() {
        dhm = QuantizerCliFixture.quantizedDigits(shared);
    }

    private static String header(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append('p').append(i);
        }
        return s.toString();
    }

    @Test
    void rawRowsGiveTheRuntimeClassAndOutputs() throws IOException {
        Path csv = dir.resolve("in.csv");
        int[] raw = new int[64];
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            raw[i] = (i * 7) % 17;
            row.append(i == 0 ? "" : ",").append(raw[i]);
        }
        Files.writeString(csv, header(64) + "\n" + row + "\n" + row + "\n");
        Path out = dir.resolve("preds.csv");
        Run r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote 2 predictions");

        Interpreter in = new Interpreter(Model.load(Files.readAllBytes(dhm)));
        in.invoke(raw, 0);
        StringBuilder expected = new StringBuilder().append(in.argMax()).append(',').append(in.argMax());
        for (int i = 0; i < 10; i++) {
            expected.append(',').append(in.output(i));
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("class_id,label,int8_out0,").endsWith("int8_out9");
        assertThat(lines.get(1)).isEqualTo(expected.toString());
    }

    /** --out naming the data (or the model) would replace it with predictions: a usage error, nothing written. */
    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        Path csv = dir.resolve("in.csv");
        String text = header(64) + "\n" + "1,".repeat(63) + "1\n";
        Files.writeString(csv, text);
        Path sameFile = Files.createDirectories(dir.resolve("sub")).resolve("..").resolve("in.csv");
        Run r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--out", sameFile.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).isEqualTo("downhill: --out " + sameFile + " is the --data file; writing it would "
                + "replace the input: choose another output file (see 'downhill predict --help')");
        assertThat(Files.readString(csv)).isEqualTo(text);

        byte[] model = Files.readAllBytes(dhm);
        r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--out", dhm.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is the --model file");
        assertThat(Files.readAllBytes(dhm)).isEqualTo(model);
    }

    @Test
    void int8InputsSkipTheInputStage() throws IOException {
        Path csv = dir.resolve("q.csv");
        StringBuilder row = new StringBuilder();
        byte[] q = new byte[64];
        for (int i = 0; i < 64; i++) {
            q[i] = (byte) (i * 4 - 128);
            row.append(i == 0 ? "" : ",").append(q[i]);
        }
        Files.writeString(csv, header(64) + "\n" + row + "\n");
        Path out = dir.resolve("p.csv");
        Run r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--int8-in", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Interpreter in = new Interpreter(Model.load(Files.readAllBytes(dhm)));
        in.setInput(q, 0);
        in.invoke();
        assertThat(Files.readAllLines(out).get(1)).startsWith(in.argMax() + ",");
    }

    @Test
    void aRawValueOutsideInt16SaturatesAsTheStageDoesWithAWarningNamingTheCell() throws IOException {
        Path csv = dir.resolve("in.csv");
        StringBuilder row = new StringBuilder();
        StringBuilder saturated = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            row.append(i == 0 ? "" : ",").append(i == 3 ? "-40000" : "1");
            saturated.append(i == 0 ? "" : ",").append(i == 3 ? "-32768" : "1");
        }
        Files.writeString(csv, header(64) + "\n" + row + "\n");
        Path expected = dir.resolve("saturated.csv");
        Files.writeString(expected, header(64) + "\n" + saturated + "\n");
        Run r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--out", dir.resolve("p1.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("warning: " + csv + ": 1 value is beyond what an int16 reading in the model's raw "
                + "units holds and was saturated to -32768..32767, as the device's input stage does (first: " + csv
                + ":2:4 column 'p3' -40000 = -40000 x 1, read as -32768); the calibration data did not reach this far"
                + System.lineSeparator());
        assertThat(run("predict", "--model", dhm.toString(), "--data", expected.toString(), "--out",
                dir.resolve("p2.csv").toString()).exit()).isZero();
        assertThat(Files.readAllLines(dir.resolve("p1.csv"))).isEqualTo(Files.readAllLines(dir.resolve("p2.csv")));
    }

    /** A reading has the resolution of its unit: a finer value is rounded half away from zero, and noted once. */
    @Test
    void aValueFinerThanItsUnitIsRoundedAsTheDeviceWouldReadIt() throws IOException {
        StringBuilder rounded = new StringBuilder();
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            rounded.append(i == 0 ? "" : ",").append(i == 3 ? "2.5" : i == 9 ? "-0.5" : "1");
            whole.append(i == 0 ? "" : ",").append(i == 3 ? "3" : i == 9 ? "-1" : "1");
        }
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, header(64) + "\n" + rounded + "\n");
        Path expected = dir.resolve("whole.csv");
        Files.writeString(expected, header(64) + "\n" + whole + "\n");
        Run r = run("predict", "--model", dhm.toString(), "--data", expected.toString(), "--out",
                dir.resolve("p1.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--out", dir.resolve("p2.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("note: " + csv + ": 2 values have more decimals than the model's raw units and "
                + "were rounded as the device would read them (first: " + csv + ":2:4 2.5 read as 3 x 1)"
                + System.lineSeparator());
        assertThat(Files.readAllLines(dir.resolve("p2.csv"))).isEqualTo(Files.readAllLines(dir.resolve("p1.csv")));
    }

    @Test
    void int8ValueOutOfRangeNamesTheCell() throws IOException {
        Path csv = dir.resolve("q.csv");
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            row.append(i == 0 ? "" : ",").append(i == 10 ? "200" : "0");
        }
        Files.writeString(csv, header(64) + "\n" + row + "\n");
        Run r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--int8-in", "--out",
                dir.resolve("p.csv").toString());
        assertOneLineError(r, ExitCodes.FAILED, "q.csv:2:11: column 'p10': --int8-in expects integers in -128..127, got '200'");
    }

    /**
     * Decimal sensor data: the model reads each feature in its own raw unit (0.01, 10, 0.001), and predict feeds the
     * runtime exactly the readings a device would, computed here independently of the code under test.
     */
    @Test
    void decimalFeaturesAreFedAsReadingsInTheModelsRawUnits() throws IOException {
        Path train = QuantizerCliFixture.resource(dir, "sensors-train.csv");
        Path test = QuantizerCliFixture.resource(dir, "sensors-test.csv");
        Path dhmPath = trainAndQuantize(train, "state", "classify");
        Model m = Model.load(Files.readAllBytes(dhmPath));
        assertThat(m.hasInputStage()).isTrue();
        Path out = dir.resolve("preds.csv");
        Run r = run("predict", "--model", dhmPath.toString(), "--data", test.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // Pressure in Pa is read in tens of Pa: its ones digits are rounded, and that is said once.
        assertThat(r.err()).startsWith("note: " + test + ": 57 values have more decimals than the model's raw units")
                .contains("(first: " + test + ":2:2 101254 read as 10125 x 10)");
        List<String> csv = Files.readAllLines(test);
        List<String> predictions = Files.readAllLines(out);
        assertThat(predictions.get(0)).isEqualTo("class_id,label,actual,int8_out0,int8_out1");
        Interpreter in = new Interpreter(m);
        int right = 0;
        for (int i = 1; i < csv.size(); i++) {
            String[] cells = csv.get(i).split(",");
            int[] readings = {
                new java.math.BigDecimal(cells[0]).movePointRight(2).intValueExact(),
                new java.math.BigDecimal(cells[1]).movePointLeft(1).setScale(0, java.math.RoundingMode.HALF_UP).intValueExact(),
                new java.math.BigDecimal(cells[2]).movePointRight(3).intValueExact()};
            in.invoke(readings, 0);
            String label = in.argMax() == 0 ? "alarm" : "ok";
            assertThat(predictions.get(i)).as("row %d", i).isEqualTo(in.argMax() + "," + label + "," + cells[3] + ","
                    + in.output(0) + "," + in.output(1));
            right += label.equals(cells[3]) ? 1 : 0;
        }
        assertThat(right).as("correct of 60").isGreaterThanOrEqualTo(50);

        // A temperature of 400 C is 40000 hundredths, beyond int16: read as 327.67 C, with a warning.
        Path hot = dir.resolve("hot.csv");
        Files.writeString(hot, "temp_c,pressure_pa,accel_g\n400.00,101000,0.25\n327.67,101000,0.25\n");
        r = run("predict", "--model", dhmPath.toString(), "--data", hot.toString(), "--out", dir.resolve("h.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("warning: " + hot + ": 1 value is beyond what an int16 reading")
                .contains("(first: " + hot + ":2:1 column 'temp_c' 400.00 = 40000 x 0.01, read as 32767)");
        List<String> hotPredictions = Files.readAllLines(dir.resolve("h.csv"));
        assertThat(hotPredictions.get(1)).isEqualTo(hotPredictions.get(2));
    }

    /** Real-valued features, string labels, a model without input stage: the driver standardises and quantises. */
    @Test
    void rawRealValuedFeaturesAreStandardisedAndQuantisedAsADeviceDriverWould() throws IOException {
        Path train = dir.resolve("animals.csv");
        Files.writeString(train, animals("a,b,species", "%s,%s,%s"));
        Path dhmPath = trainAndQuantize(train, "species", "classify", "--no-input-stage");
        Model m = Model.load(Files.readAllBytes(dhmPath));
        assertThat(m.hasInputStage()).isFalse();

        // The rows to predict: no label column, features in the other order (matched by name).
        Path data = dir.resolve("unlabelled.csv");
        Files.writeString(data, animals("b,a", "%2$s,%1$s"));
        Path out = dir.resolve("preds.csv");
        Run r = run("predict", "--model", dhmPath.toString(), "--data", data.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote 90 predictions").containsPattern("predicted: cat \\d+, dog \\d+, eel \\d+");

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(91);
        assertThat(lines.get(0)).isEqualTo("class_id,label,int8_out0,int8_out1,int8_out2");
        FloatModel floatModel = FloatModel.load(dir.resolve("float"));
        List<String> names = List.of("cat", "dog", "eel");
        int right = 0;
        for (int i = 0; i < 90; i++) {
            double[] raw = animal(i);
            Interpreter in = new Interpreter(m);
            in.setInput(driverInput(raw, floatModel.standardizer(), m), 0);
            in.invoke();
            StringBuilder expected = new StringBuilder().append(in.argMax()).append(',').append(names.get(in.argMax()));
            for (int o = 0; o < 3; o++) {
                expected.append(',').append(in.output(o));
            }
            assertThat(lines.get(i + 1)).as("row %d", i).isEqualTo(expected.toString());
            right += in.argMax() == i % 3 ? 1 : 0;
        }
        assertThat(right).as("well separated classes").isGreaterThanOrEqualTo(85);

        // The label column, in any position, is not an input: the same predictions, with each row's own label
        // alongside (column 'actual'), and no note about it.
        Path labelled = dir.resolve("labelled.csv");
        Files.writeString(labelled, animals("species,a,b", "%3$s,%1$s,%2$s"));
        Path out2 = dir.resolve("preds2.csv");
        r = run("predict", "--model", dhmPath.toString(), "--data", labelled.toString(), "--out", out2.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> withLabels = Files.readAllLines(out2);
        assertThat(withLabels.get(0)).isEqualTo("class_id,label,actual,int8_out0,int8_out1,int8_out2");
        for (int i = 0; i <= 90; i++) {
            List<String> cells = new java.util.ArrayList<>(List.of(withLabels.get(i).split(",")));
            if (i > 0) {
                assertThat(cells.get(2)).isEqualTo(names.get((i - 1) % 3));
            }
            cells.remove(2);
            assertThat(String.join(",", cells)).isEqualTo(lines.get(i));
        }
    }

    @Test
    void regressionValuesAreDequantisedAndInTargetUnits() throws IOException {
        Path train = dir.resolve("line.csv");
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 80; i++) {
            double x1 = i * 0.125 - 4.3;
            double x2 = ((i * 37) % 23) * 0.21;
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%.4f\n", x1, x2, 300 + 20 * x1 - 7 * x2));
        }
        Files.writeString(train, csv.toString());
        Path dhmPath = trainAndQuantize(train, "y", "regress", "--no-input-stage");
        Model m = Model.load(Files.readAllBytes(dhmPath));
        Path out = dir.resolve("values.csv");
        Run r = run("predict", "--model", dhmPath.toString(), "--data", train.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        FloatModel floatModel = FloatModel.load(dir.resolve("float"));
        TargetScaling target = floatModel.targetScaling();
        assertThat(target.mean()).isGreaterThan(200);
        List<String> lines = Files.readAllLines(out);
        // The training file has the label column 'y': its value is copied beside the prediction.
        assertThat(lines.get(0)).isEqualTo("value,actual,int8_out0");
        int last = m.layerCount() - 1;
        for (int i = 0; i < 80; i += 7) {
            String[] cells = csv.toString().split("\n")[i + 1].split(",");
            double[] raw = {Double.parseDouble(cells[0]), Double.parseDouble(cells[1])};
            Interpreter in = new Interpreter(m);
            in.setInput(driverInput(raw, floatModel.standardizer(), m), 0);
            in.invoke();
            double value = target.restore((double) Float.intBitsToFloat(ModelFields.layerOutputScaleBits(m, last))
                    * (in.output(0) - m.outputZeroPoint()));
            assertThat(lines.get(i + 1)).isEqualTo(String.format(Locale.ROOT, "%.6g,%s,%d", value, cells[2],
                    in.output(0)));
        }
    }

    @Test
    void columnsThatAreNeitherFeaturesNorTheLabelAreIgnoredAndNamed() throws IOException {
        Path train = dir.resolve("animals.csv");
        Files.writeString(train, animals("a,b,species", "%s,%s,%s"));
        Path dhmPath = trainAndQuantize(train, "species", "classify");
        Path extra = dir.resolve("extra.csv");
        Files.writeString(extra, "a,b,weight,colour\n1,2,3,red\n");
        Path plain = dir.resolve("plain.csv");
        Files.writeString(plain, "a,b\n1,2\n");
        Path out = dir.resolve("p.csv");
        Run r = run("predict", "--model", dhmPath.toString(), "--data", plain.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> expected = Files.readAllLines(out);
        r = run("predict", "--model", dhmPath.toString(), "--data", extra.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().lines().toList()).containsExactly("note: " + extra + ": ignoring columns 'weight', 'colour' "
                + "(not features of the model)");
        assertThat(Files.readAllLines(out)).isEqualTo(expected);
        Files.delete(out);
        Path missing = dir.resolve("missing.csv");
        Files.writeString(missing, "species\ncat\n");
        r = run("predict", "--model", dhmPath.toString(), "--data", missing.toString(), "--out", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "missing.csv:1: missing feature columns 'a', 'b'");
        assertThat(out).doesNotExist();
    }

    @Test
    void modelsWithoutStoredStandardisationNeedInt8InputsOrTheirColumnsInOrder() throws IOException {
        Path train = dir.resolve("animals.csv");
        Files.writeString(train, animals("a,b,species", "%s,%s,%s"));
        trainAndQuantize(train, "species", "classify");
        FloatModel floatModel = FloatModel.load(dir.resolve("float"));
        List<double[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 90; i++) {
            rows.add(animal(i));
        }
        QuantizedNetwork q = new PostTrainingQuantizer(MinMaxCalibrator::new)
                .quantize(new TrainerFloatNetwork(floatModel), rows, false);
        // As written before the standardisation was stored in the metadata.
        Path older = dir.resolve("older.dhm");
        Files.write(older, DhmEncoder.encode(q, new ModelMetadata("classify", List.of("a", "b"), "species",
                List.of("cat", "dog", "eel"), null, 0, 1, Map.of(), Map.of()).toBytes()));
        Path out = dir.resolve("p.csv");
        Run r = run("predict", "--model", older.toString(), "--data", train.toString(), "--out", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "older.dhm takes int8 input and its metadata has no standardisation "
                + "statistics (written by an older downhill): quantise it again, or pass quantised inputs with --int8-in");
        assertThat(out).doesNotExist();

        // No metadata at all (e.g. imported from .tflite): columns by position, class ids only.
        Path bare = dir.resolve("bare.dhm");
        Files.write(bare, DhmEncoder.encode(q, null));
        r = run("predict", "--model", bare.toString(), "--data", train.toString(), "--out", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "animals.csv:1: the model has no metadata naming its features, so its "
                + "2 inputs are the file's columns in order; there are 3: a, b, species (name the label column with "
                + "--label COLUMN and leave others out with --ignore COLUMN)");
        // Naming the label column skips it; predictions carry the row's label alongside.
        Path q8labelled = dir.resolve("q8l.csv");
        Files.writeString(q8labelled, "first,species,second,id\n-128,cat,127,1\n5,dog,-5,2\n");
        r = run("predict", "--model", bare.toString(), "--data", q8labelled.toString(), "--int8-in", "--label",
                "species", "--ignore", "id", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> labelled = Files.readAllLines(out);
        assertThat(labelled.get(0)).isEqualTo("class_id,actual,int8_out0,int8_out1,int8_out2");
        r = run("predict", "--model", bare.toString(), "--data", q8labelled.toString(), "--int8-in", "--label",
                "Species", "--out", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "q8l.csv:1: --label Species: no column 'Species'; the columns are: "
                + "first, species, second, id");
        Path q8 = dir.resolve("q8.csv");
        Files.writeString(q8, "first,second\n-128,127\n5,-5\n");
        r = run("predict", "--model", bare.toString(), "--data", q8.toString(), "--out", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "bare.dhm takes int8 input and has no Downhill metadata");
        r = run("predict", "--model", bare.toString(), "--data", q8.toString(), "--int8-in", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("predicted: class 0 \\d+, class 1 \\d+, class 2 \\d+");
        Interpreter in = new Interpreter(Model.load(Files.readAllBytes(bare)));
        in.setInput(new byte[] {5, -5}, 0);
        in.invoke();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("class_id,int8_out0,int8_out1,int8_out2");
        assertThat(lines.get(2)).isEqualTo(in.argMax() + "," + in.output(0) + "," + in.output(1) + "," + in.output(2));
        assertThat(labelled.get(2)).isEqualTo(in.argMax() + ",dog," + in.output(0) + "," + in.output(1) + ","
                + in.output(2));
    }

    /** Trains a small model on {@code csv} into {@code dir/float} and quantises it with that CSV and {@code options}. */
    private Path trainAndQuantize(Path csv, String label, String task, String... options) {
        Path floatModel = dir.resolve("float");
        Run r = run("train", "--data", csv.toString(), "--label", label, "--task", task, "--hidden", "8",
                "--epochs", "40", "--val-split", "0", "--quiet", "--out", floatModel.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path dhmPath = dir.resolve("m.dhm");
        List<String> args = new java.util.ArrayList<>(List.of("quantize", "--model", floatModel.toString(),
                "--calibration", csv.toString(), "--out", dhmPath.toString()));
        args.addAll(List.of(options));
        r = run(args.toArray(new String[0]));
        assertThat(r.exit()).as(r.err()).isZero();
        return dhmPath;
    }

    /** 90 rows, classes cat, dog, eel in turn around three well separated centres; real-valued. */
    private static String animals(String header, String format) {
        StringBuilder s = new StringBuilder(header).append('\n');
        String[] names = {"cat", "dog", "eel"};
        for (int i = 0; i < 90; i++) {
            double[] x = animal(i);
            s.append(String.format(Locale.ROOT, format, Double.toString(x[0]), Double.toString(x[1]), names[i % 3]))
                    .append('\n');
        }
        return s.toString();
    }

    private static double[] animal(int i) {
        double[][] centres = {{1.25, 3.5}, {4.5, 0.75}, {-2.125, -1.375}};
        double[] c = centres[i % 3];
        return new double[] {c[0] + ((i * 37) % 11 - 5) * 0.0625, c[1] + ((i * 53) % 13 - 6) * 0.0625};
    }

    /**
     * Written out here, independently of the code under test: what a device driver does for a model
     * without an input stage. Standardise as the trainer does (float z), then
     * {@code q = clamp(Z + round_half_away(z / S))}.
     */
    private static byte[] driverInput(double[] raw, Standardizer s, Model m) {
        double[] mean = s.mean();
        double[] deviation = s.deviation();
        float scale = Float.intBitsToFloat(ModelFields.inputScaleBits(m));
        byte[] q = new byte[raw.length];
        for (int f = 0; f < raw.length; f++) {
            float z = (float) ((raw[f] - mean[f]) / deviation[f]);
            double steps = z / (double) scale;
            long rounded = (long) Math.copySign(Math.floor(Math.abs(steps) + 0.5), steps);
            q[f] = (byte) Math.max(-128, Math.min(127, rounded + m.inputZeroPoint()));
        }
        return q;
    }
}

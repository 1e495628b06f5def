package dev.downhill.trainer.cli;

import static dev.downhill.trainer.cli.QuantizerCliFixture.assertOneLineError;
import static dev.downhill.trainer.cli.QuantizerCliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.MemoryReport;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.trainer.cli.QuantizerCliFixture.Run;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.DatasetReader;
import dev.downhill.trainer.export.GoldenCase;
import dev.downhill.trainer.export.GoldenVectors;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.quantize.Int8Evaluation;
import dev.downhill.trainer.quantize.Int8VsFloat;
import dev.downhill.trainer.quantize.TrainerFloatNetwork;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CheckCommandTest {

    private static final String[] CHECK_IDS = {"accuracy-drop", "agreement", "golden", "ram", "flash",
        "allocation-inference", "allocation-adaptation", "determinism"};

    @TempDir
    static Path shared;
    static Path dhm;
    static Path floatDir;
    static Path golden;
    static byte[] bytes;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainQuantizeAndExportGolden() throws IOException {
        dhm = QuantizerCliFixture.quantizedDigits(shared);
        floatDir = shared.resolve("float");
        bytes = Files.readAllBytes(dhm);
        golden = shared.resolve("digits.dhgv");
        Run g = run("export", "--model", dhm.toString(), "--format", "golden", "--data", "bundled:digits-test",
                "--rows", "20", "--out", golden.toString());
        assertThat(g.exit()).as(g.err()).isZero();
    }

    /** {@code check} on the shared model with {@code extra} options. */
    private static Run check(String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--model", dhm.toString(), "--float", floatDir.toString(),
                "--data", "bundled:digits-test", "--label", "label"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void aGoodModelWithinItsBudgetsPassesEveryCheck() {
        Run r = check("--golden", golden.toString(), "--ram-budget", "64k", "--flash-budget", "64k",
                "--max-accuracy-drop", "5", "--min-agreement", "90");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).isEmpty();
        for (String id : CHECK_IDS) {
            assertThat(r.out()).as(r.out()).containsPattern("(?m)^pass " + id + ": ");
        }
        assertThat(r.out()).contains("pass golden: 0 of 20 cases differ, limit 0 differing (bit-exact)")
                .contains("pass flash: " + bytes.length + " B, limit <= 65536 B (64k)")
                .containsPattern("pass allocation-inference: 0 B over \\d+ inferences, limit == 0 B")
                .containsPattern("pass allocation-adaptation: 0 B over \\d+ input\\+bias steps, limit == 0 B")
                .containsPattern("pass determinism: identical \\(CRC-32 [0-9a-f]{8} of 7200 output bytes\\)");
        assertThat(lastLine(r)).isEqualTo("check passed: digits.dhm, 8 checks, 8 passed, 0 skipped");
    }

    @Test
    void ramFigureIsTheInterpreterPlusTheAdapterExactly() {
        Model m = Model.load(bytes);
        int expected = MemoryReport.required(m, Interpreter.RETAIN_ACTIVATIONS).ramBytes()
                + Adapter.requiredBytes(m, new AdapterConfig());
        Run r = check("--ram-budget", "1k");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(failLines(r)).containsExactly("FAIL ram: " + expected + " B, limit <= 1024 B (1k)");
        assertThat(lastLine(r)).isEqualTo("check FAILED: digits.dhm, 1 of 8 checks failed (ram)");

        int inferenceOnly = MemoryReport.required(m, 0).ramBytes();
        Run noAdapt = check("--ram-budget", "100", "--no-adaptation");
        assertThat(failLines(noAdapt)).containsExactly("FAIL ram: " + inferenceOnly + " B, limit <= 100 B");
        assertThat(noAdapt.out()).contains("skip allocation-adaptation: --no-adaptation given");
    }

    @Test
    void tinyFlashBudgetFailsNamingTheBlobSize() {
        Run r = check("--flash-budget", "512");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(failLines(r)).containsExactly("FAIL flash: " + bytes.length + " B, limit <= 512 B");
        assertThat(lastLine(r)).isEqualTo("check FAILED: digits.dhm, 1 of 8 checks failed (flash)");
    }

    @Test
    void tamperedGoldenFileFailsNamingTheFirstDifferingByte() throws IOException {
        GoldenVectors g = GoldenVectors.read(Files.readAllBytes(golden), "g");
        List<GoldenCase> cases = new ArrayList<>(g.cases());
        GoldenCase third = cases.get(2);
        byte[][] outputs = third.outputs().clone();
        int last = outputs.length - 1;
        outputs[last] = outputs[last].clone();
        byte was = outputs[last][4];
        outputs[last][4] = (byte) (was ^ 1);
        cases.set(2, new GoldenCase(third.raw(), third.input(), outputs));
        Path tampered = dir.resolve("tampered.dhgv");
        // A well-formed file (valid CRC) whose recorded output is wrong: what a changed runtime would show.
        Files.write(tampered, new GoldenVectors(g.modelSha256(), g.generator(), g.source(), g.features(), g.hasRaw(),
                g.outputLengths(), cases).toBytes());

        Run r = check("--golden", tampered.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(failLines(r)).containsExactly("FAIL golden: 1 of 20 cases differ (first: case 3, operator " + last
                + " output [4]: runtime " + was + ", golden " + (byte) (was ^ 1) + "), limit 0 differing (bit-exact)"
                + " [tampered.dhgv, every operator's int8 output]");
    }

    @Test
    void goldenVectorsOfAnotherModelFailTheGoldenCheck() throws IOException {
        GoldenVectors g = GoldenVectors.read(Files.readAllBytes(golden), "g");
        byte[] otherSha = g.modelSha256().clone();
        otherSha[0] ^= 1;
        Path other = dir.resolve("other.dhgv");
        Files.write(other, new GoldenVectors(otherSha, g.generator(), g.source(), g.features(), g.hasRaw(),
                g.outputLengths(), g.cases()).toBytes());
        Run r = check("--golden", other.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(failLines(r)).singleElement().asString().startsWith("FAIL golden: the golden file was made for model "
                + "sha256 ").contains("regenerate it with downhill export --format golden");
    }

    @Test
    void dataTheInt8ModelGetsWrongFailsTheAccuracyDrop() throws IOException {
        // The rows where float is right and int8 is wrong: on them the drop is 100 points, whatever the limit.
        Path hard = lossRows(dir.resolve("hard.csv"));
        Run r = run("check", "--model", dhm.toString(), "--float", floatDir.toString(), "--data", hard.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(failLines(r)).containsExactly("FAIL accuracy-drop: 100.00 points (float 100.00%, int8 0.00%), "
                + "limit <= 0.5 points");
        assertThat(r.out()).contains("skip agreement: 0.00%, no --min-agreement given");
    }

    @Test
    void agreementLimitFailsWithItsFigure() {
        Run r = check("--min-agreement", "100", "--max-accuracy-drop", "100");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(failLines(r)).singleElement().asString().matches("FAIL agreement: \\d+\\.\\d\\d%, limit >= 100%");
    }

    @Test
    void reportIsJUnitXmlThatParsesAndAMarkdownSummary() throws Exception {
        Path out = dir.resolve("reports");
        Run r = check("--golden", golden.toString(), "--flash-budget", "512", "--report", out.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("report: " + out.resolve("check.xml") + ", " + out.resolve("check.md"));

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(out.resolve("check.xml"))));
        Element suites = xml.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("tests")).isEqualTo("8");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
        assertThat(suites.getAttribute("skipped")).isEqualTo("2"); // agreement (no limit), ram (no budget)
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("downhill check digits.dhm");
        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        assertThat(names).containsExactly(CHECK_IDS);
        Element flash = (Element) cases.item(4);
        Element failure = (Element) flash.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("flash: " + bytes.length + " B, limit <= 512 B");
        assertThat(((Element) cases.item(3)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(properties(suite)).contains("model=digits.dhm", "model.sha256="
                + dev.downhill.trainer.export.Provenance.sha256(bytes), "data.samples=360");

        String md = Files.readString(out.resolve("check.md"));
        assertThat(md).startsWith("# downhill check: digits.dhm\n\n**FAILED** — check FAILED: digits.dhm, 1 of 8 checks")
                .contains("| flash | " + bytes.length + " B | <= 512 B | **FAIL** |")
                .contains("| golden | 0 of 20 cases differ | 0 differing (bit-exact) | pass |");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("check.xml", "check.md");
        }
    }

    @Test
    void regressionModelsReportRmseAndItsIncrease() throws IOException {
        Path model = dir.resolve("iris-float");
        Run t = run("train", "--data", "bundled:iris-train", "--label", "petal_width_cm", "--task", "regress",
                "--test", "bundled:iris-test", "--hidden", "8", "--epochs", "30", "--quiet", "--out", model.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        Path irisDhm = dir.resolve("iris.dhm");
        Run q = run("quantize", "--model", model.toString(), "--calibration", "bundled:iris-train", "--out",
                irisDhm.toString());
        assertThat(q.exit()).as(q.err()).isZero();

        String[] base = {"check", "--model", irisDhm.toString(), "--float", model.toString(), "--data",
            "bundled:iris-test"};
        Run ok = run(concat(base, "--max-rmse-increase", "1000%"));
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        // Iris in cm is read in tenths of a cm: the model has a raw input stage, so it can adapt.
        assertThat(ok.out()).containsPattern("pass rmse-increase: [+-]\\d+\\.\\d\\d% \\(float RMSE [0-9.e-]+, int8 RMSE "
                + "[0-9.e-]+\\), limit <= \\+1000%")
                .contains("(regressor, 4 inputs, 2 operators, raw input stage)")
                .contains("pass allocation-adaptation: 0 B over");
        Path int8Dhm = dir.resolve("iris-int8.dhm");
        assertThat(run("quantize", "--model", model.toString(), "--calibration", "bundled:iris-train", "--out",
                int8Dhm.toString(), "--no-input-stage").exit()).isZero();
        Run int8 = run("check", "--model", int8Dhm.toString(), "--float", model.toString(), "--data", "bundled:iris-test",
                "--max-rmse-increase", "1000%");
        assertThat(int8.exit()).as(int8.out() + int8.err()).isZero();
        assertThat(int8.out()).contains("skip allocation-adaptation: the model takes int8 input (no raw input stage)");

        // On the rows where int8 is further from the target than float, any increase is one too many.
        Path worse = rowsWhereInt8IsWorse(irisDhm, model, dir.resolve("worse.csv"));
        Run strict = run("check", "--model", irisDhm.toString(), "--float", model.toString(), "--data", worse.toString(),
                "--max-rmse-increase", "0");
        assertThat(strict.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(failLines(strict)).singleElement().asString().matches("FAIL rmse-increase: \\+[0-9.e-]+ \\(float "
                + "RMSE [0-9.e-]+, int8 RMSE [0-9.e-]+\\), limit <= \\+0 \\(target units\\)");
        assertOneLineError(run(concat(base, "--max-rmse-increase", "-1")), ExitCodes.USAGE,
                "--max-rmse-increase: the RMSE increase limit must be a finite number >= 0, got -1.0");

        assertOneLineError(run(concat(base, "--max-accuracy-drop", "1")), ExitCodes.USAGE,
                "--max-accuracy-drop applies to classifiers; iris.dhm is a regressor");
    }

    // ------------------------------------------------------------------------------------------------ bad input

    @Test
    void missingModelFileIsOneLineAndWritesNoReport() {
        Path out = dir.resolve("r");
        Run r = run("check", "--model", dir.resolve("nope.dhm").toString(), "--float", floatDir.toString(), "--data",
                "bundled:digits-test", "--report", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "nope.dhm: no such file");
        assertThat(out).doesNotExist();
    }

    @Test
    void fileThatIsNotAModelIsOneLine() throws IOException {
        Path bad = dir.resolve("notes.dhm");
        Files.writeString(bad, "these are my notes, not a model");
        Path out = dir.resolve("r");
        Run r = run("check", "--model", bad.toString(), "--float", floatDir.toString(), "--data",
                "bundled:digits-test", "--report", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "notes.dhm: not a valid .dhm model: ");
        assertThat(out).doesNotExist();
    }

    @Test
    void floatDirectoryOfAnotherFormatVersionIsOneLine() throws IOException {
        Path old = dir.resolve("old-float");
        Files.createDirectories(old);
        String json = Files.readString(floatDir.resolve("model.json"));
        assertThat(json).contains("\"formatVersion\" : 1");
        Files.writeString(old.resolve("model.json"), json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
        Path out = dir.resolve("r");
        Run r = run("check", "--model", dhm.toString(), "--float", old.toString(), "--data", "bundled:digits-test",
                "--report", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "formatVersion");
        assertThat(r.err()).contains("99");
        assertThat(out).doesNotExist();
    }

    @Test
    void floatModelOfAnotherTrainingRunIsOneLine() {
        Path other = dir.resolve("other-float");
        Run t = run("train", "--data", "bundled:digits-train", "--label", "label", "--test", "bundled:digits-test",
                "--hidden", "16", "--epochs", "1", "--seed", "7", "--quiet", "--out", other.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        Run r = run("check", "--model", dhm.toString(), "--float", other.toString(), "--data", "bundled:digits-test");
        assertOneLineError(r, ExitCodes.FAILED, "digits.dhm was not quantised from " + other
                + ": the training record differs (");
    }

    @Test
    void csvWithoutTheModelsColumnsIsOneLine() throws IOException {
        Path csv = dir.resolve("wrong.csv");
        Files.writeString(csv, "a,b,label\n1,2,3\n");
        Path out = dir.resolve("r");
        Run r = run("check", "--model", dhm.toString(), "--float", floatDir.toString(), "--data", csv.toString(),
                "--report", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "wrong.csv:1: missing feature columns 'p0', 'p1'");
        assertThat(out).doesNotExist();
    }

    @Test
    void corruptGoldenFileIsOneLine() throws IOException {
        byte[] g = Files.readAllBytes(golden);
        g[100] ^= 1;
        Path corrupt = dir.resolve("corrupt.dhgv");
        Files.write(corrupt, g);
        Run r = check("--golden", corrupt.toString());
        assertOneLineError(r, ExitCodes.FAILED, "corrupt.dhgv: CRC-32 mismatch");
    }

    @Test
    void helpDocumentsTheReportFilesWithoutPicocliWarnings() {
        Run r = run("check", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        String help = r.out().replaceAll("\\s+", " ");
        assertThat(help).contains("--report DIR writes DIR/check.xml (JUnit XML) and DIR/check.md (markdown).")
                .contains("relative (5%) or in target units (0.02). Default: 5%.");
    }

    @Test
    void reportPathThatIsAFileIsAUsageErrorAndLeavesTheFileAlone() throws IOException {
        Path file = dir.resolve("report.txt");
        Files.writeString(file, "keep me");
        assertOneLineError(check("--report", file.toString()), ExitCodes.USAGE, "--report " + file
                + ": is a file; give a directory");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void badBudgetIsAUsageError() {
        assertOneLineError(check("--ram-budget", "16 potatoes"), ExitCodes.USAGE,
                "--ram-budget: '16 potatoes' is not a size (e.g. 16384, 16k, 1M)");
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static List<String> failLines(Run r) {
        return r.out().lines().filter(l -> l.startsWith("FAIL ")).map(CheckCommandTest::withoutDetail).toList();
    }

    /** The line without its bracketed detail, unless the detail is the point (golden). */
    private static String withoutDetail(String line) {
        int at = line.indexOf(" [");
        return at < 0 || line.startsWith("FAIL golden: 1 of") ? line : line.substring(0, at);
    }

    private static String lastLine(Run r) {
        List<String> lines = r.out().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static List<String> properties(Element suite) {
        NodeList p = suite.getElementsByTagName("property");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.getLength(); i++) {
            Element e = (Element) p.item(i);
            out.add(e.getAttribute("name") + "=" + e.getAttribute("value"));
        }
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Writes the iris test rows on which the int8 regressor's error is larger than the float one's. */
    private static Path rowsWhereInt8IsWorse(Path irisDhm, Path floatModel, Path csv) throws IOException {
        FloatModel f = FloatModel.load(floatModel);
        byte[] blob = Files.readAllBytes(irisDhm);
        CsvTable table = CsvTable.read(DataSource.of("bundled:iris-test"));
        Dataset d = DatasetReader.matching(table, f.labelColumn(), f.task(), f.featureNames(), f.labels());
        StringBuilder out = new StringBuilder(String.join(",", table.header())).append('\n');
        int kept = 0;
        for (int r = 0; r < d.size(); r++) {
            Int8VsFloat.Result one = Int8Evaluation.run(blob, new TrainerFloatNetwork(f), d.subset(new int[] {r}),
                    ModelCard.rawUnits(Model.load(blob), irisDhm.toString()));
            if (one.int8Value() > one.floatValue()) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < table.header().size(); c++) {
                    cells.add(table.cell(r, c));
                }
                out.append(String.join(",", cells)).append('\n');
                kept++;
            }
        }
        assertThat(kept).as("iris rows where the int8 error is larger").isPositive();
        Files.writeString(csv, out, StandardCharsets.UTF_8);
        return csv;
    }

    /** Writes the digits rows (train and test) on which the float model is right and the int8 model wrong. */
    private static Path lossRows(Path csv) throws IOException {
        FloatModel f = FloatModel.load(floatDir);
        Interpreter in = new Interpreter(Model.load(bytes));
        StringBuilder out = new StringBuilder(String.join(",", f.featureNames())).append(",label\n");
        int kept = 0;
        for (String name : List.of("bundled:digits-train", "bundled:digits-test")) {
            Dataset d = DatasetReader.matching(CsvTable.read(DataSource.of(name)), "label", f.task(), f.featureNames(),
                    f.labels());
            int[] raw = new int[d.featureCount()];
            double[] row = new double[d.featureCount()];
            for (int r = 0; r < d.size(); r++) {
                for (int j = 0; j < raw.length; j++) {
                    row[j] = d.feature(r, j);
                    raw[j] = (int) row[j];
                }
                in.invoke(raw, 0);
                if (f.predictClass(row) == d.classOf(r) && in.argMax() != d.classOf(r)) {
                    for (int v : raw) {
                        out.append(v).append(',');
                    }
                    out.append(f.labels().names().get(d.classOf(r))).append('\n');
                    kept++;
                }
            }
        }
        assertThat(kept).as("digits rows where quantisation loses a correct prediction").isPositive();
        Files.writeString(csv, out, StandardCharsets.UTF_8);
        return csv;
    }
}

package dev.downhill.trainer.cli;

import dev.downhill.demo.BoardOptions;
import dev.downhill.demo.SensorDrift;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.DatasetReader;
import dev.downhill.trainer.demo.DemoModelExport;
import dev.downhill.trainer.demo.DemoOutcome;
import dev.downhill.trainer.demo.DemoReport;
import dev.downhill.trainer.demo.DriftRun;
import dev.downhill.trainer.demo.FrozenVsAdaptivePlot;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.io.AtomicFileWriter;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.quantize.Int8Evaluation;
import dev.downhill.trainer.quantize.Int8VsFloat;
import dev.downhill.trainer.quantize.TrainerFloatNetwork;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code downhill demo}: the whole story on the bundled digits, no arguments needed. It composes the other
 * commands and the board: {@code train} (with its progress bar and {@code loss.png}), {@code quantize} (the
 * {@code .dhm} and its model card), the Java source export the board compiles, and the board scenario on a
 * drifting sensor ({@link dev.downhill.trainer.demo.DemoScenario}): first the chosen drift, then every other
 * kind with the same model, trained and quantised once. It writes a picture and a board log per drift,
 * {@code report.md}, and prints a table with a row and a verdict per drift.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train on the bundled digits, quantise, export for the board, and play the board on a "
                + "drifting sensor: frozen int8 model vs on-device adaptation vs the float reference.",
            "Writes to --out: model.json, train-log.csv, loss.png, model.dhm, model.dhm.json (model card), "
                    + "DemoModel.java, frozen-vs-adaptive.png and board.log (the chosen drift), "
                    + "frozen-vs-adaptive-<drift>.png and board-<drift>.log (each other drift), report.md.",
            "Example: downhill demo --drift pixel-shift --out demo-shift"})
final class DemoCommand implements Callable<Integer> {

    private static final String TRAIN_DATA = "bundled:digits-train";
    private static final String TEST_DATA = "bundled:digits-test";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
            description = "Output directory (created; files in it are replaced). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--drift", defaultValue = "gain-offset", paramLabel = "KIND",
            description = "What happens to the sensor: gain-offset (dimmer and foggier), pixel-shift (the image "
                    + "moves one pixel), dead-inputs (a dead pixel column) or none: the main scenario, drawn in "
                    + "frozen-vs-adaptive.png. The other drifts are played too, for the comparison table. "
                    + "Default: ${DEFAULT-VALUE}.")
    String drift;

    @Option(names = "--gain", defaultValue = "0.8", paramLabel = "G",
            description = "gain-offset: sensor gain. Default: ${DEFAULT-VALUE}.")
    double gain;

    @Option(names = "--offset", defaultValue = "1", paramLabel = "B",
            description = "gain-offset: offset in raw pixel units (0..16 scale). Default: ${DEFAULT-VALUE}.")
    int offset;

    @Option(names = "--drift-at", defaultValue = "120", paramLabel = "N",
            description = "The sample at which the sensor drifts. Default: ${DEFAULT-VALUE}.")
    int driftAt;

    @Option(names = "--label-every", defaultValue = "4", paramLabel = "N",
            description = "The user labels one sample in N. Default: ${DEFAULT-VALUE}.")
    int labelEvery;

    @Option(names = "--reboot-at", defaultValue = "480", paramLabel = "N",
            description = "Power-cycle the board before sample N (0 = never). Default: ${DEFAULT-VALUE}.")
    int rebootAt;

    @Option(names = "--passes", defaultValue = "2", paramLabel = "N",
            description = "Times the 360 unseen test digits are played. Default: ${DEFAULT-VALUE}.")
    int passes;

    @Option(names = "--window", defaultValue = "60", paramLabel = "N",
            description = "Rolling accuracy window, in samples. Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--epochs", defaultValue = "60", paramLabel = "N",
            description = "Training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Training seed (same seed, same model, bit for bit). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--firmware-demo", paramLabel = "MODULE_DIR",
            description = "Also write the model into a firmware-demo module: MODULE_DIR/" + DemoModelExport.MODEL_PATH
                    + " and MODULE_DIR/" + DemoModelExport.SOURCE_PATH + ".")
    Path firmwareDemo;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        BoardOptions board = boardOptions();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new DownhillException(out + ": exists and is not a directory");
        }
        if (firmwareDemo != null && !Files.isDirectory(firmwareDemo.resolve("src/main/java"))) {
            throw new DownhillException(firmwareDemo + ": not a firmware-demo module (no src/main/java)");
        }

        stdout.println("== 1/4 train a float network on the bundled digits (host)");
        stdout.flush();
        List<String> train = new ArrayList<>(List.of("train", "--data", TRAIN_DATA, "--label", "label",
                "--epochs", String.valueOf(epochs), "--seed", String.valueOf(seed), "--out", out.toString()));
        if (quiet) {
            train.add("--quiet");
        }
        runStep(train);

        stdout.println("== 2/4 quantise to int8 for tiny-runtime");
        stdout.flush();
        Path dhmPath = out.resolve("model.dhm");
        runStep(List.of("quantize", "--model", out.toString(), "--calibration", TRAIN_DATA, "--test", TEST_DATA,
                "--out", dhmPath.toString()));
        byte[] dhm = read(dhmPath);

        stdout.println("== 3/4 export the model as Java source for the board");
        byte[] source = DemoModelExport.render(dhm);
        AtomicFileWriter.write(out.resolve("DemoModel.java"), source);
        if (firmwareDemo != null) {
            AtomicFileWriter.write(firmwareDemo.resolve(DemoModelExport.MODEL_PATH), dhm);
            AtomicFileWriter.write(firmwareDemo.resolve(DemoModelExport.MODEL_PATH + ".json"),
                    read(out.resolve("model.dhm.json")));
            AtomicFileWriter.write(firmwareDemo.resolve(DemoModelExport.SOURCE_PATH), source);
            stdout.println("updated " + firmwareDemo.resolve(DemoModelExport.MODEL_PATH) + " and "
                    + firmwareDemo.resolve(DemoModelExport.SOURCE_PATH));
        }

        stdout.println("== 4/4 play the board on a drifting sensor (" + driftDescription() + " from sample "
                + driftAt + "), then on every other drift with the same model");
        stdout.flush();
        List<DriftRun> runs = new ArrayList<>();
        for (BoardOptions options : scenarios(board)) {
            int index = runs.size();
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            DriftRun run = DriftRun.play(dhm, options, console);
            runs.add(run);
            AtomicFileWriter.write(out.resolve(DemoOutcome.boardLog(index, run)), console.toByteArray());
            FrozenVsAdaptivePlot.write(run.trace(), window, "Frozen vs adaptive on a drifting sensor ("
                    + run.description() + ")", out.resolve(DemoOutcome.picture(index, run)));
        }

        FloatModel floatModel = FloatModel.load(out);
        Int8VsFloat.Result accuracy = testAccuracy(dhm, floatModel);
        CsvTable log = CsvTable.read(DataSource.of(out.resolve("train-log.csv")));
        int lastRow = log.rowCount() - 1;
        String architecture = java.util.Arrays.stream(floatModel.network().sizes()).mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining("-"));
        DemoOutcome outcome = new DemoOutcome(architecture,
                ((Number) floatModel.provenance().get("trainExamples")).intValue(), log.rowCount(),
                number(log, lastRow, "train_loss"), number(log, lastRow, "val_loss"), accuracy.floatValue(),
                accuracy.int8Value(), dhm.length, runs, (System.nanoTime() - start) / 1e9);
        AtomicFileWriter.write(out.resolve("report.md"), DemoReport.markdown(outcome));
        stdout.println();
        stdout.print(DemoReport.summaryTable(outcome));
        StringBuilder written = new StringBuilder("wrote " + out + ": loss.png");
        for (int i = 0; i < runs.size(); i++) {
            written.append(", ").append(DemoOutcome.picture(i, runs.get(i)));
        }
        written.append(", report.md, model.dhm, model.dhm.json, DemoModel.java, board logs");
        stdout.println(written);
        return ExitCodes.OK;
    }

    /**
     * The scenarios to play: the chosen drift first (the main picture), then every other kind of drift with
     * the same settings, so one run shows what robust preprocessing absorbs, what adaptation wins back and what
     * it cannot fix. "none" is played only when chosen.
     */
    private List<BoardOptions> scenarios(BoardOptions main) {
        List<BoardOptions> all = new ArrayList<>(List.of(main));
        for (int kind : new int[] {SensorDrift.GAIN_OFFSET, SensorDrift.DEAD_INPUTS, SensorDrift.PIXEL_SHIFT}) {
            if (kind != main.drift()) {
                all.add(boardOptions(SensorDrift.name(kind)));
            }
        }
        return all;
    }

    /** The board's settings for the chosen drift, checked by the board's own parser. */
    private BoardOptions boardOptions() {
        return boardOptions(drift);
    }

    /** The board's settings for drift {@code driftName}, checked by the board's own parser. */
    private BoardOptions boardOptions(String driftName) {
        if (SensorDrift.kindOf(drift) < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--drift must be gain-offset, pixel-shift, dead-inputs or none, got '" + drift + "'");
        }
        if (!(gain >= 0 && gain <= 10)) {
            throw new ParameterException(spec.commandLine(), "--gain must be in [0, 10], got " + gain);
        }
        try {
            return BoardOptions.parse(new String[] {"--drift", driftName,
                "--gain-permille", String.valueOf(Math.round(gain * 1000)), "--offset", String.valueOf(offset),
                "--drift-at", String.valueOf(driftAt), "--label-every", String.valueOf(labelEvery),
                "--reboot-at", String.valueOf(rebootAt), "--passes", String.valueOf(passes),
                "--window", String.valueOf(window), "--log-every", "40"});
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String driftDescription() {
        int kind = SensorDrift.kindOf(drift);
        if (kind == SensorDrift.GAIN_OFFSET) {
            return String.format(Locale.ROOT, "gain-offset: gain %s, offset %+d", trim(gain), offset);
        }
        return SensorDrift.name(kind);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Runs one of the sibling commands with this command's output streams; a failure ends the demo. */
    private void runStep(List<String> args) {
        int code = Main.commandLine(spec.commandLine().getOut(), spec.commandLine().getErr())
                .execute(args.toArray(new String[0]));
        if (code != ExitCodes.OK) {
            throw new DownhillException("demo stopped: 'downhill " + String.join(" ", args) + "' failed (exit "
                    + code + ")");
        }
    }

    private Int8VsFloat.Result testAccuracy(byte[] dhm, FloatModel floatModel) {
        Dataset test = DatasetReader.matching(CsvTable.read(DataSource.of(TEST_DATA)), floatModel.labelColumn(),
                floatModel.task(), floatModel.featureNames(), floatModel.labels());
        return Int8Evaluation.run(dhm, new TrainerFloatNetwork(floatModel), test,
                ModelCard.rawUnits(Model.load(dhm), "model.dhm"));
    }

    private static double number(CsvTable table, int row, String column) {
        String cell = table.cell(row, table.columnIndex(column));
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DownhillException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}

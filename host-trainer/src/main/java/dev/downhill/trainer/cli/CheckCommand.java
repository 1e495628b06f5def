package dev.downhill.trainer.cli;

import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.check.ByteSize;
import dev.downhill.trainer.check.CheckLimits;
import dev.downhill.trainer.check.CheckReport;
import dev.downhill.trainer.check.CheckResult;
import dev.downhill.trainer.check.CheckSubject;
import dev.downhill.trainer.check.JUnitXmlReport;
import dev.downhill.trainer.check.MarkdownReport;
import dev.downhill.trainer.check.ModelCheck;
import dev.downhill.trainer.check.ModelPair;
import dev.downhill.trainer.check.RmseLimit;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.DatasetReader;
import dev.downhill.trainer.data.FeatureTable;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.export.GoldenVectors;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.io.AtomicFileWriter;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.quantize.RawReadings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code downhill check}: the CI gate for one int8 model. Exit 0 only when every check holds; 1 when a check
 * fails (each failing check is one line with its figure and limit) or an input is bad (one error line, no
 * report written); 2 for a bad command line. The checks are {@link ModelCheck}'s; see docs/check.md.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "CI gate for a board: accuracy, golden vectors, RAM/flash budgets, allocation, determinism.",
        description = {"Gate an int8 model for a board: accuracy drop against its float model,",
            "golden vectors, RAM and flash budgets, zero allocation per inference and",
            "adaptation step, determinism. Exit code 0 only when every check holds.",
            "--report DIR writes DIR/check.xml (JUnit XML) and DIR/check.md (markdown).",
            "Example: downhill check --model digits.dhm --float model",
            "  --data bundled:digits-test --ram-budget 16k --flash-budget 64k --report out"})
final class CheckCommand implements Callable<Integer> {

    /** File names inside {@code --report DIR}. */
    static final String JUNIT_FILE = "check.xml";
    static final String MARKDOWN_FILE = "check.md";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.dhm", description = "The int8 model to check.")
    Path model;

    @Option(names = "--float", required = true, paramLabel = "DIR",
            description = "The float model directory it was quantised from (from 'downhill train').")
    Path floatDir;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Labelled CSV with the model's feature columns and the label column (by name, any order), "
                    + "or bundled:NAME. Other columns are ignored and named once on stderr.")
    String data;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Label column in --data. Default: the column the model was trained on.")
    String label;

    @Option(names = "--ram-budget", paramLabel = "SIZE",
            description = "RAM the board gives the model: bytes, or with k / M (x1024). Without it RAM is reported only.")
    String ramBudget;

    @Option(names = "--flash-budget", paramLabel = "SIZE",
            description = "Flash the board gives the model blob: bytes, or with k / M (x1024). Without it flash is "
                    + "reported only.")
    String flashBudget;

    @Option(names = "--max-accuracy-drop", paramLabel = "POINTS",
            description = "Classifiers: largest float-minus-int8 accuracy drop, in percentage points. Default: "
                    + CheckLimits.DEFAULT_MAX_ACCURACY_DROP + ".")
    Double maxAccuracyDrop;

    // Help text: picocli formats it, so '%' is written '%%'; the default is CheckLimits.DEFAULT_MAX_RMSE_INCREASE.
    @Option(names = "--max-rmse-increase", paramLabel = "LIMIT",
            description = "Regressors: how much the int8 RMSE may exceed the float RMSE, relative (5%%) or in target "
                    + "units (0.02). Default: 5%%.")
    String maxRmseIncrease;

    @Option(names = "--min-agreement", paramLabel = "PERCENT",
            description = "Smallest share of samples on which int8 and float predict alike, in percent. Default: "
                    + "reported, not checked.")
    Double minAgreement;

    @Option(names = "--golden", paramLabel = "FILE",
            description = "Golden vectors from 'downhill export --format golden' to replay bit-exactly.")
    Path golden;

    @Option(names = "--no-adaptation",
            description = "The board does not adapt: leave the adapter out of RAM and skip the adaptation checks.")
    boolean noAdaptation;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/" + JUNIT_FILE + " (JUnit XML, for CI) and DIR/" + MARKDOWN_FILE
                    + " (markdown summary).")
    Path report;

    @Override
    public Integer call() {
        CheckLimits limits = limits();
        if (report != null && Files.exists(report) && !Files.isDirectory(report)) {
            throw new ParameterException(spec.commandLine(), "--report " + report + ": is a file; give a directory");
        }
        // Every input is read and validated before anything runs or is written.
        DhmFile dhm = DhmFile.read(model);
        FloatModel floatModel = FloatModel.load(floatDir);
        ModelPair.verify(dhm.model(), dhm.name(), floatModel, floatDir.toString());
        limits = taskLimits(limits, floatModel.task());
        String column = label != null ? label : floatModel.labelColumn();
        Dataset dataset = DatasetReader.matching(CsvTable.read(DataSource.of(data)), column, floatModel.task(),
                floatModel.featureNames(), floatModel.labels());
        ColumnNotes.ignored(spec.commandLine().getErr(), dataset.source(), dataset.ignoredColumns(), List.of());
        if (dhm.model().hasInputStage()) {
            // The gate reads the data as the device would; say so if that meant rounding or saturating values.
            FeatureTable table = FeatureTable.read(CsvTable.read(DataSource.of(data)), floatModel.featureNames(), column);
            RawReadings.of(table, ModelCard.rawUnits(dhm.model(), dhm.name())).notes(dataset.source())
                    .forEach(spec.commandLine().getErr()::println);
        }
        GoldenVectors goldenVectors = golden == null ? null : readGolden(golden);

        CheckReport result;
        try {
            result = ModelCheck.run(new CheckSubject(dhm.name(), dhm.bytes(), floatModel, dataset, goldenVectors,
                    golden == null ? null : golden.getFileName().toString()), limits);
        } catch (IllegalArgumentException e) {
            throw new DownhillException(e.getMessage(), e);
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println("check " + result.modelName() + " (" + result.description() + ") on " + result.dataName() + " ("
                + result.samples() + " samples)");
        for (CheckResult r : result.results()) {
            out.println(r.line());
        }
        if (report != null) {
            byte[] xml = JUnitXmlReport.render(result);
            String md = MarkdownReport.render(result);
            writeReport(xml, md);
            out.println("report: " + report.resolve(JUNIT_FILE) + ", " + report.resolve(MARKDOWN_FILE));
        }
        out.println(result.summary());
        out.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * Writes both report files, each atomically. If the second cannot be written the first is removed, so a
     * CI never reads a JUnit file whose markdown twin is missing or stale.
     */
    private void writeReport(byte[] xml, String md) {
        Path junit = report.resolve(JUNIT_FILE);
        AtomicFileWriter.write(junit, xml);
        try {
            AtomicFileWriter.write(report.resolve(MARKDOWN_FILE), md);
        } catch (DownhillException e) {
            try {
                Files.deleteIfExists(junit);
            } catch (IOException ignored) {
                // best effort: the write error is the one to report
            }
            throw e;
        }
    }

    /** The limits from the options; bad values are usage errors naming the option. */
    private CheckLimits limits() {
        CheckLimits l = CheckLimits.defaults().withAdaptation(!noAdaptation);
        if (ramBudget != null) {
            l = l.withRamBudget(DataOptions.parse(spec, "--ram-budget", () -> ByteSize.parse(ramBudget)));
        }
        if (flashBudget != null) {
            l = l.withFlashBudget(DataOptions.parse(spec, "--flash-budget", () -> ByteSize.parse(flashBudget)));
        }
        CheckLimits base = l;
        if (maxAccuracyDrop != null) {
            l = DataOptions.parse(spec, "--max-accuracy-drop", () -> base.withMaxAccuracyDrop(maxAccuracyDrop));
        }
        if (maxRmseIncrease != null) {
            CheckLimits b = l;
            l = DataOptions.parse(spec, "--max-rmse-increase", () -> b.withMaxRmseIncrease(RmseLimit.parse(maxRmseIncrease)));
        }
        if (minAgreement != null) {
            CheckLimits b = l;
            l = DataOptions.parse(spec, "--min-agreement", () -> b.withMinAgreement(minAgreement));
        }
        return l;
    }

    /** A limit for the other kind of model is a mistake worth stopping for, not something to ignore. */
    private CheckLimits taskLimits(CheckLimits limits, Task task) {
        if (task == Task.REGRESS && maxAccuracyDrop != null) {
            throw new ParameterException(spec.commandLine(), "--max-accuracy-drop applies to classifiers; "
                    + model.getFileName() + " is a regressor: use --max-rmse-increase");
        }
        if (task == Task.CLASSIFY && maxRmseIncrease != null) {
            throw new ParameterException(spec.commandLine(), "--max-rmse-increase applies to regressors; "
                    + model.getFileName() + " is a classifier: use --max-accuracy-drop");
        }
        return limits;
    }

    private static GoldenVectors readGolden(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DownhillException(path + ": no such file");
        } catch (IOException e) {
            throw new DownhillException(path + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return GoldenVectors.read(bytes, path.toString());
        } catch (IllegalArgumentException e) {
            throw new DownhillException(e.getMessage(), e);
        }
    }
}

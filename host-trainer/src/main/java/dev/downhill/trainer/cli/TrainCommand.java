package dev.downhill.trainer.cli;

import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.data.ColumnNames;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.PreparedData;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.plot.LossPlot;
import dev.downhill.trainer.schedule.ScheduleSpec;
import dev.downhill.trainer.train.EpochRecord;
import dev.downhill.trainer.train.Trainer;
import dev.downhill.trainer.train.TrainingConfig;
import dev.downhill.trainer.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code downhill train}: CSV in, model directory out ({@code model.json}, {@code train-log.csv},
 * {@code loss.png}). Nothing is written unless training succeeds.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an MLP on a CSV file and write the float model, its training log and a loss plot.",
            "Example: downhill train --data bundled:digits-train --test bundled:digits-test --label label"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "RATE",
            description = "Base (peak) learning rate. Default: ${DEFAULT-VALUE}; try 'downhill lr-sweep'.")
    double lr;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "NAME",
            description = "constant, step, exponential, cosine or warmup-cosine. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--step-epochs", defaultValue = "20", paramLabel = "N",
            description = "step schedule: epochs between drops. Default: ${DEFAULT-VALUE}.")
    int stepEpochs;

    @Option(names = "--gamma", paramLabel = "FACTOR",
            description = "step: factor per drop (default 0.5); exponential: factor per epoch (default 0.95).")
    Double gamma;

    @Option(names = "--warmup-epochs", defaultValue = "3", paramLabel = "N",
            description = "warmup-cosine: epochs of linear warm-up. Default: ${DEFAULT-VALUE}.")
    double warmupEpochs;

    @Option(names = "--min-lr", defaultValue = "0", paramLabel = "RATE",
            description = "cosine schedules: final learning rate. Default: ${DEFAULT-VALUE}.")
    double minLr;

    @Option(names = "--epochs", defaultValue = "60", paramLabel = "N",
            description = "Passes over the training data. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "N",
            description = "Early stopping: stop after N epochs without a lower validation loss and keep the "
                    + "best weights; 0 = off. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--out", defaultValue = "model", paramLabel = "DIR",
            description = "Output directory (created; files in it are replaced). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--quantize",
            description = "Also quantise the trained model to DIR/model.dhm (+ model card), calibrated on the training "
                    + "data and compared on --test (see 'downhill quantize' for more control).")
    boolean quantize;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        TrainingConfig config = config();
        PreparedData.Spec dataSpec = dataOptions.toSpec(spec, config.seed());
        if (patience > 0 && dataSpec.testSource() == null && dataSpec.validationFraction() == 0) {
            throw ModelOptions.usage(spec, "--patience needs validation data (--test or --val-split > 0)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new DownhillException(out + ": exists and is not a directory");
        }
        PreparedData data = PreparedData.prepare(dataSpec);
        dataOptions.printNotes(spec.commandLine().getErr(), data);
        TrainingResult result;
        try (ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), quiet, "train")) {
            result = new Trainer(config, data.targetScaling())
                    .train(data.trainExamples(), data.validationExamples(), progress);
        }
        FloatModel model = new FloatModel(dataSpec.task(), data.train().featureNames(), data.train().labelName(),
                data.train().labels(), data.standardizer(), data.targetScaling(), result.network(),
                provenance(config, dataSpec, data, result));
        model.save(out);
        result.log().writeCsv(out.resolve("train-log.csv"));
        LossPlot.write(result.log(), "downhill train: " + dataSpec.source().name(), out.resolve("loss.png"));
        stdout.println(columns(dataSpec.task(), data.train()));
        stdout.println(summary(dataSpec.task(), result, data));
        stdout.println("model written to " + out + " (model.json, train-log.csv, loss.png)");
        if (quantize) {
            QuantizeCommand.afterTraining(spec, out, dataOptions.data, dataOptions.test, out.resolve("model.dhm"),
                    dataSpec.ignoredColumns());
        }
        return ExitCodes.OK;
    }

    private TrainingConfig config() {
        TrainingConfig.Builder b = modelOptions.toBuilder(spec);
        ScheduleSpec.Kind kind = DataOptions.parse(spec, "--schedule", () -> ScheduleSpec.Kind.fromId(schedule));
        double g = gamma != null ? gamma : kind == ScheduleSpec.Kind.EXPONENTIAL ? 0.95 : 0.5;
        ScheduleSpec scheduleSpec = new ScheduleSpec(kind, stepEpochs, g, warmupEpochs, minLr);
        DataOptions.parse(spec, "--lr", () -> b.learningRate(lr));
        DataOptions.parse(spec, "--epochs", () -> b.epochs(epochs));
        DataOptions.parse(spec, "--patience", () -> b.patience(patience));
        TrainingConfig config = b.schedule(scheduleSpec).build();
        // Build the schedule once now so impossible combinations are usage errors, not failures mid-run.
        DataOptions.parse(spec, "--schedule", () -> scheduleSpec.build(lr, 1, epochs));
        return config;
    }

    static Map<String, Object> provenance(TrainingConfig config, PreparedData.Spec dataSpec, PreparedData data,
                                          TrainingResult result) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("data", dataSpec.source().name());
        p.put("validation", data.validationName());
        if (!dataSpec.ignoredColumns().isEmpty()) {
            p.put("ignoredColumns", String.join(",", dataSpec.ignoredColumns()));
        }
        p.put("trainExamples", data.train().size());
        p.put("hidden", Arrays.toString(config.hidden()));
        p.put("optimizer", config.optimizer().id());
        p.put("learningRate", config.learningRate());
        p.put("momentum", config.momentum());
        p.put("weightDecay", config.weightDecay());
        p.put("clipNorm", config.clipNorm());
        p.put("schedule", config.schedule().kind().id());
        p.put("epochs", config.epochs());
        p.put("epochsRun", result.log().records().size());
        p.put("bestEpoch", result.bestEpoch());
        p.put("batchSize", config.batchSize());
        p.put("seed", config.seed());
        p.put("patience", config.patience());
        EpochRecord best = result.log().records().get(result.bestEpoch() - 1);
        if (best.hasValidation()) {
            p.put("validationLoss", best.validationLoss());
            p.put(result.log().metricName(), best.validationMetric());
        }
        return p;
    }

    /**
     * Which columns the model learned from and what it predicts: on a file it has not seen, a user should not have
     * to guess which columns became features (an unlisted second target, an id column).
     */
    static String columns(Task task, Dataset train) {
        List<String> names = train.featureNames();
        return "features: " + names.size() + " column" + (names.size() == 1 ? "" : "s") + " ("
                + ColumnNames.plain(names, 12, 1) + "); label: "
                + train.labelName() + (task == Task.CLASSIFY ? " (" + train.labels().classCount() + " classes)"
                : " (regression)");
    }

    static String summary(Task task, TrainingResult result, PreparedData data) {
        EpochRecord best = result.log().records().get(result.bestEpoch() - 1);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "trained %d epoch%s on %d examples",
                result.log().records().size(), result.log().records().size() == 1 ? "" : "s", data.train().size()));
        if (result.stoppedEarly()) {
            sb.append(String.format(Locale.ROOT, " (stopped early; kept epoch %d)", result.bestEpoch()));
        }
        if (best.hasValidation()) {
            sb.append(task == Task.CLASSIFY
                    ? String.format(Locale.ROOT, "; validation accuracy %.2f%%", 100 * best.validationMetric())
                    : String.format(Locale.ROOT, "; validation RMSE %.5g", best.validationMetric()));
            sb.append(String.format(Locale.ROOT, ", loss %.4f", best.validationLoss()));
        } else {
            sb.append(String.format(Locale.ROOT, "; final training loss %.4f", best.trainLoss()));
        }
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "throughput: %.0f examples/s over the run (%.3f s in training steps, "
                + "JIT warm-up included); %.0f examples/s in the second half", result.examplesPerSecond(),
                result.trainingSeconds(), result.steadyExamplesPerSecond()));
        return sb.toString();
    }
}

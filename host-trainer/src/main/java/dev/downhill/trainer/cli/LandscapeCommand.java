package dev.downhill.trainer.cli;

import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.DatasetReader;
import dev.downhill.trainer.data.Examples;
import dev.downhill.trainer.data.Split;
import dev.downhill.trainer.landscape.ClassicLandscapes;
import dev.downhill.trainer.landscape.LandscapeView;
import dev.downhill.trainer.landscape.ModelLandscape;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.optim.OptimizerKind;
import dev.downhill.trainer.plot.LandscapePlot;
import dev.downhill.trainer.schedule.ScheduleSpec;
import dev.downhill.trainer.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code downhill landscape}: loss surfaces as contour pictures with optimiser paths, for teaching. Either a
 * trained model's surface ({@code --model DIR --data F}) or the classic two-parameter functions
 * ({@code --classic [NAME]}).
 */
@Command(name = "landscape", mixinStandardHelpOptions = true,
        description = {"Draw a loss landscape with the optimiser's path on it (PNG).",
            "  --model DIR --data F: a trained model's loss on two planes through its parameters (random "
                    + "filter-normalised directions, and the training path's principal directions); the model is "
                    + "retrained briefly with the settings in model.json to record its path.",
            "  --classic [NAME]: a valley, a saddle and the Rosenbrock banana with SGD, momentum and Adam "
                    + "(NAME: all, step-size, valley, saddle, rosenbrock; default all).",
            "Examples: downhill landscape --classic --out classic.png",
            "          downhill landscape --model model --data bundled:digits-train --out landscape.png"})
final class LandscapeCommand implements Callable<Integer> {

    /** How PreparedData names a seeded validation split in model.json ("stratified 0.2 of bundled:digits"). */
    private static final Pattern SPLIT = Pattern.compile("(?:stratified|random) ([0-9.]+) of (.+)");

    @Spec
    CommandSpec spec;

    @Option(names = "--classic", arity = "0..1", fallbackValue = "all", paramLabel = "NAME",
            description = "Draw the classic 2-D functions instead of a model.")
    String classic;

    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (model.json) from 'downhill train'.")
    Path model;

    @Option(names = "--data", paramLabel = "FILE",
            description = "CSV the loss is measured on and the model retrained on, or bundled:NAME.")
    String data;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Label column. Default: the model's.")
    String label;

    @Option(names = "--out", defaultValue = "landscape.png", paramLabel = "FILE",
            description = "The PNG to write. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--resolution", defaultValue = "25", paramLabel = "N",
            description = "Model surfaces: grid points per axis. Default: ${DEFAULT-VALUE}.")
    int resolution;

    @Option(names = "--span", defaultValue = "1.0", paramLabel = "S",
            description = "Model surfaces: half-width of the random-direction window, in filter norms. "
                    + "Default: ${DEFAULT-VALUE}.")
    double span;

    @Option(names = "--rows", defaultValue = "500", paramLabel = "N",
            description = "Model surfaces: examples the loss is measured on (the first N rows; retraining uses "
                    + "all). "
                    + "Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Model surfaces: epochs of the retraining run. Default: as the model was trained.")
    Integer epochs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the random directions. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if ((classic == null) == (model == null)) {
            throw new ParameterException(spec.commandLine(), "give either --classic [NAME] or --model DIR --data FILE");
        }
        if (classic != null) {
            List<LandscapeView> views = DataOptions.parse(spec, "--classic", () -> ClassicLandscapes.views(classic));
            LandscapePlot.writePng(views, 2, 620, 480, out);
            stdout.println("wrote " + out + " (" + views.size() + " panel" + (views.size() == 1 ? "" : "s") + ")");
            return ExitCodes.OK;
        }
        if (data == null) {
            throw new ParameterException(spec.commandLine(), "--model needs --data FILE (the data to measure the loss on)");
        }
        if (resolution < 5 || resolution > 201) {
            throw new ParameterException(spec.commandLine(), "--resolution must be 5..201, got " + resolution);
        }
        if (!(span > 0) || Double.isInfinite(span)) {
            throw new ParameterException(spec.commandLine(), "--span must be a positive number, got " + span);
        }
        if (rows < 10) {
            throw new ParameterException(spec.commandLine(), "--rows must be at least 10, got " + rows);
        }
        FloatModel saved = FloatModel.load(model);
        TrainingConfig config = retrainConfig(saved.provenance(), epochs);
        Examples all = trainingExamples(saved);
        Examples examples = firstRows(all, rows);
        ModelLandscape.Result result;
        try (ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), quiet, "retrain")) {
            result = new ModelLandscape(all, examples, resolution).compute(saved.network(), config, span, seed, progress);
        }
        LandscapePlot.writePng(List.of(result.random(), result.principal()), 2, 620, 500, out);
        stdout.println(String.format(Locale.ROOT, "wrote %s: loss %.4f at the centre (%d examples); the retrained "
                + "network is %.1f%% (relative L2) from the saved one; the two principal directions hold %.0f%% of "
                + "the path's movement", out, result.finalLoss(), examples.count(),
                100 * result.distanceFromSavedModel(), 100 * result.explainedByTwoComponents()));
        return ExitCodes.OK;
    }

    /**
     * The examples to retrain on: {@code --data}, minus the validation part when model.json says the model
     * was trained on a seeded split of this same file (then the retrained run repeats the original exactly).
     */
    private Examples trainingExamples(FloatModel saved) {
        String column = label != null ? label : saved.labelColumn();
        DataSource source = DataSource.of(data);
        Dataset dataset = DatasetReader.matching(CsvTable.read(source), column, saved.task(), saved.featureNames(),
                saved.labels());
        Object leftOut = saved.provenance().get("ignoredColumns");
        ColumnNotes.ignored(spec.commandLine().getErr(), dataset.source(), dataset.ignoredColumns(),
                leftOut == null ? List.of() : List.of(leftOut.toString().split(",")));
        Matcher split = SPLIT.matcher(String.valueOf(saved.provenance().get("validation")));
        if (split.matches() && split.group(2).equals(source.name())) {
            double fraction = Double.parseDouble(split.group(1));
            dataset = Split.of(dataset, fraction, (long) number(saved.provenance(), "seed")).train();
        }
        return Examples.of(dataset, saved.standardizer(), saved.targetScaling());
    }

    private static Examples firstRows(Examples all, int rows) {
        if (all.count() <= rows || !all.isClassification()) {
            return all;
        }
        int[] classes = new int[rows];
        for (int r = 0; r < rows; r++) {
            classes[r] = all.classOf(r);
        }
        return Examples.classification(Arrays.copyOf(all.inputs(), rows * all.width()), all.width(), classes,
                all.classCount());
    }

    /**
     * The training settings recorded in model.json. The schedule's secondary parameters (step length, decay
     * factor, warm-up) are not recorded; the trainer's defaults are used, so the retrained path can end a
     * little away from the saved model, and the command says how far.
     */
    static TrainingConfig retrainConfig(Map<String, Object> p, Integer epochs) {
        try {
            TrainingConfig.Builder b = TrainingConfig.builder()
                    .hidden(ModelOptions.widths(String.valueOf(p.get("hidden")).replace("[", "").replace("]", "")))
                    .optimizer(OptimizerKind.fromId(String.valueOf(p.get("optimizer"))))
                    .learningRate(number(p, "learningRate"))
                    .momentum(number(p, "momentum"))
                    .weightDecay(number(p, "weightDecay"))
                    .clipNorm(number(p, "clipNorm"))
                    .batchSize((int) number(p, "batchSize"))
                    .seed((long) number(p, "seed"));
            ScheduleSpec.Kind kind = ScheduleSpec.Kind.fromId(String.valueOf(p.get("schedule")));
            double gamma = kind == ScheduleSpec.Kind.EXPONENTIAL ? 0.95 : 0.5;
            int n = epochs != null ? epochs : (int) number(p, p.containsKey("epochsRun") ? "epochsRun" : "epochs");
            return b.schedule(new ScheduleSpec(kind, 20, gamma, 3, 0)).epochs(n).build();
        } catch (IllegalArgumentException e) {
            throw new DownhillException("model.json: cannot rebuild the training settings to retrain: " + e.getMessage());
        }
    }

    private static double number(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("training." + key + " is missing or not a number");
        }
        return n.doubleValue();
    }
}

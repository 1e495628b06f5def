package dev.downhill.trainer.cli;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.Guards;
import dev.downhill.runtime.adapt.TrainableSet;
import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.adapt.AdaptationPlot;
import dev.downhill.trainer.adapt.AdaptationRecipe;
import dev.downhill.trainer.adapt.AdaptationRun;
import dev.downhill.trainer.adapt.Drift;
import dev.downhill.trainer.adapt.Labels;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataException;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.FeatureTable;
import dev.downhill.trainer.data.LabelEncoder;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.export.ModelMetadata;
import dev.downhill.trainer.quantize.RawReadings;
import dev.downhill.trainer.quantize.FeatureQuantizer;
import dev.downhill.trainer.quantize.RawUnits;
import dev.downhill.trainer.io.AtomicFileWriter;
import dev.downhill.runtime.adapt.FixedPointSchedule;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code downhill adapt}: runs tiny-runtime's fixed-point adaptation on a labelled stream next to the frozen model
 * and the float reference; writes {@code adapt-log.csv} and {@code adapt.png} (accuracy on the evaluation rows versus
 * labelled samples seen, or for a regression model the mean absolute error in the target's units). Classifiers and
 * regression models share one path: reading, drift, int8 input and the run differ only in their {@link Labels}.
 */
@Command(name = "adapt", mixinStandardHelpOptions = true,
        header = "Adapt a quantised model on a labelled stream, beside the frozen model and a float reference.",
        description = {"Adapt a quantised model on the device's integer path to a labelled stream, next to the frozen",
            "model and a float reference; plot accuracy (a regression model: mean absolute error) versus labelled",
            "samples.",
            "Example: downhill adapt --model digits.dhm --data stream.csv --label label --eval eval.csv "
                    + "--drift gain=0.8,offset=1 --trainable input,bias --lr 0.05 --out adapt-out"})
final class AdaptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.dhm", description = "Quantised model (.dhm).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Labelled stream CSV (features and a label column), or bundled:NAME. Values are read in the "
                    + "model's raw units (inspect shows them, e.g. 0.1), as the device would, rounded to the unit. "
                    + "Features are matched by the names in the model's metadata (any order); a model without "
                    + "metadata takes every column but the label, in file order.")
    String data;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Label column holding the model's class names (class ids 0..C-1 for a model without "
                    + "metadata), or a regression model's numeric target. Default: the column the model was trained "
                    + "on.")
    String label;

    @Option(names = "--eval", required = true, paramLabel = "FILE",
            description = "Evaluation CSV with the same columns, drifted the same way; never adapted on.")
    String eval;

    @Option(names = "--drift", defaultValue = "none", paramLabel = "SPEC",
            description = "Drift applied to stream and evaluation rows, e.g. gain=0.8,offset=1 | shift=right | "
                    + "dead=0.1 | none. offset, min and max are in the CSV's units; offset=0.5sd moves each feature "
                    + "by half its standard deviation over --data (for features in different units). Drifted values saturate at "
                    + "min..max, by default the range the values of --data and --eval span (a sensor saturates at "
                    + "its range); give e.g. min=0,max=1023 to set it. Default: ${DEFAULT-VALUE}.")
    String drift;

    @Option(names = "--trainable", defaultValue = "input,bias", paramLabel = "LIST",
            description = "Comma list of input, bias, last-layer. Default: ${DEFAULT-VALUE}; bias for a model that "
                    + "takes int8 input (input recalibration needs a raw input stage).")
    String trainable;

    @Option(names = "--int8-in",
            description = "For a model that takes int8 input: the CSVs hold its int8 input tensors (-128..127) "
                    + "instead of raw features (needed when the model has no metadata to standardise them, e.g. "
                    + "imported from .tflite). Drift offset, min and max are then in int8 steps.")
    boolean int8In;

    @Option(names = "--lr", paramLabel = "RATE", description = "Initial learning rate. Default: 0.05.")
    Double lr;

    @Option(names = "--half-life", paramLabel = "T",
            description = "Inverse-time decay lr/(1 + t/T); 0 for a constant rate. Default: "
                    + AdapterConfig.DEFAULT_HALF_LIFE + ".")
    Integer halfLife;

    @Option(names = "--guards", defaultValue = "default", paramLabel = "LIST",
            description = "default, none, or a comma list of loss-check, skip-contradiction, agreement-monitor, "
                    + "input-shift. Default: ${DEFAULT-VALUE} (skip-contradiction,agreement-monitor,input-shift; none "
                    + "for a regression model, "
                    + "which the device adapts without guards). skip-contradiction skips a label that contradicts a "
                    + "confident prediction until the same contradiction has come a run of times (3 for 10 classes, 10 "
                    + "for 2) with no agreement on that class between: a drift repeats its mistakes, a wrong label "
                    + "rarely does. input-shift stands skip-contradiction down while the inputs have clearly moved "
                    + "from where the training data sat (a sensor drift; random labels do not move them). A note says "
                    + "when most samples were skipped as contradictions.")
    String guards;

    @Option(names = "--eval-every", defaultValue = "auto", paramLabel = "N",
            description = "Evaluate after every N labelled samples; auto: every 10 up to 1,000 stream samples, then "
                    + "every 1/100 of the stream (each evaluation runs the three models over --eval). "
                    + "Default: ${DEFAULT-VALUE}.")
    String evalEvery;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Override
    public Integer call() {
        Drift d = DataOptions.parse(spec, "--drift", () -> Drift.parse(drift));
        Integer every = evalEvery.equals("auto") ? null : evalEveryValue();
        DhmFile dhm = DhmFile.read(model);
        Model m = dhm.model();
        ModelMetadata meta = ModelCard.metadata(m, dhm.name());
        boolean regression = isRegression(dhm, m, meta);
        boolean int8Model = !m.hasInputStage();
        if (int8In && !int8Model) {
            throw new ParameterException(spec.commandLine(), "--int8-in is for a model that takes int8 input; "
                    + model + " has a raw input stage and takes the CSV's readings");
        }
        AdaptationRecipe recipe = recipe(int8Model, regression);
        String labelColumn = labelColumn(meta);
        TargetScaling scaling = !regression ? null
                : meta != null ? new TargetScaling(meta.targetMean(), meta.targetDeviation()) : TargetScaling.IDENTITY;
        LabelledRows stream = readRows(data, m, meta, labelColumn, scaling);
        LabelledRows evaluation = readRows(eval, m, meta, labelColumn, scaling);
        DeviceInput input = deviceInput(dhm, meta, stream, evaluation);
        List<int[]> streamX = stream.readings(input.units(), spec.commandLine().getErr());
        List<int[]> evalX = evaluation.readings(input.units(), spec.commandLine().getErr());
        stream.noteSaturatedTargets(spec.commandLine().getErr());
        Drift unclipped = d;
        double[] range = dataRange(input.units(), streamX, evalX);
        d = DataOptions.parse(spec, "--drift",
                () -> unclipped.withDataRange(range[0], range[1]).withUnits(input.units()));
        if (d.offsetInDeviations()) {
            d = d.withDeviations(deviations(streamX));
        }
        List<AdaptationRun.Point> points = new AdaptationRun(m, recipe, d, streamX, stream.labels(), evalX,
                evaluation.labels(), every != null ? every : autoEvalEvery(streamX.size()), input.int8Driver()).run();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new DownhillException(out + ": cannot create output directory: " + e.getMessage(), e);
        }
        AtomicFileWriter.write(out.resolve("adapt-log.csv"), csv(points));
        AdaptationPlot.write(points, "Drift " + d
                + ", trainable " + TrainableSet.name(recipe.trainable()) + ", lr "
                + new BigDecimal(recipe.rate()).round(new MathContext(4)).stripTrailingZeros().toPlainString(),
                out.resolve("adapt.png"));
        AdaptationRun.Point last = points.get(points.size() - 1);
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "recipe: %s; drift: %s; extra RAM on the device: %d bytes%n", recipe.describe(), d,
                Adapter.requiredBytes(m, recipe.toAdapterConfig()));
        if (regression) {
            w.printf(Locale.ROOT, "after %d labelled samples: frozen MAE %s, fixed-point adaptive MAE %s, float "
                            + "reference MAE %s (in '%s'; %d applied)%n", last.seen(),
                    digits(last.frozen().meanAbsoluteError()), digits(last.fixedPoint().meanAbsoluteError()),
                    digits(last.floatReference().meanAbsoluteError()), labelColumn, last.applied());
        } else {
            w.printf(Locale.ROOT, "after %d labelled samples: frozen %.2f%%, fixed-point adaptive %.2f%%, float "
                            + "reference %.2f%% (%d applied, %d skipped, %d rolled back, %d resets)%n", last.seen(),
                    100 * last.frozen().accuracy(), 100 * last.fixedPoint().accuracy(),
                    100 * last.floatReference().accuracy(), last.applied(), last.skipped(), last.rolledBack(),
                    last.resets());
        }
        w.printf("wrote %s and %s%n", out.resolve("adapt-log.csv"), out.resolve("adapt.png"));
        w.flush();
        noteMostlySkipped(last);
        noteWorseThanFrozen(last, regression, evalX.size());
        return ExitCodes.OK;
    }

    /**
     * One note when adapting left the device worse than not adapting at all: the last line already shows it, but a
     * CI log or a hurried reader should not take "adaptive" for "better". The float reference's figure says whether
     * the recipe or the fixed point is to blame.
     */
    private void noteWorseThanFrozen(AdaptationRun.Point last, boolean regression, int evalRows) {
        double frozen = regression ? last.frozen().meanAbsoluteError() : last.frozen().accuracy();
        double adapted = regression ? last.fixedPoint().meanAbsoluteError() : last.fixedPoint().accuracy();
        double reference = regression ? last.floatReference().meanAbsoluteError() : last.floatReference().accuracy();
        if (!clearlyWorse(frozen, adapted, regression, evalRows)) {
            return;
        }
        boolean referenceWorse = clearlyWorse(frozen, reference, regression, evalRows);
        var err = spec.commandLine().getErr();
        err.println("note: the adapted model ended " + (regression
                ? "with a larger mean absolute error than the frozen one (" + digits(adapted) + " against "
                        + digits(frozen) + ")"
                : String.format(Locale.ROOT, "%.2f points below the frozen one", 100 * (frozen - adapted)))
                + (referenceWorse ? "; so did the float reference: the recipe (--lr, --trainable, --guards) does not"
                        + " suit this stream" : "; the float reference did not: compare the recipe's rate and clip"));
        err.flush();
    }

    /**
     * Worse by more than the evaluation's noise: two evaluation rows of accuracy (and at least a point), or 2% more
     * mean absolute error. One row either way on a small evaluation file is not worth a note.
     */
    private static boolean clearlyWorse(double frozen, double adapted, boolean regression, int evalRows) {
        return regression ? adapted > frozen * 1.02
                : frozen - adapted >= Math.max(0.01, 2.0 / evalRows) - 1e-9;
    }

    /**
     * One note when most samples were skipped as contradictions: a drift large enough that the frozen model is
     * confidently wrong looks like label noise to that guard, so the device hardly adapts, while the float
     * reference (less confident than saturated int8 outputs) may; the result line alone reads like a fixed-point
     * failure.
     */
    private void noteMostlySkipped(AdaptationRun.Point last) {
        String note = mostlySkippedNote(last);
        if (note != null) {
            var err = spec.commandLine().getErr();
            err.println(note);
            err.flush();
        }
    }

    /** The note of {@link #noteMostlySkipped}, or null when at most half the samples were skipped. */
    static String mostlySkippedNote(AdaptationRun.Point last) {
        if (last.skipped() * 2 <= last.seen()) {
            return null;
        }
        return "note: " + last.skipped() + " of " + last.seen() + " labelled samples were skipped because their label "
                + "contradicts a confident prediction (guard skip-contradiction); if the stream is drifted rather than "
                + "mislabelled, compare with --guards agreement-monitor";
    }

    /**
     * What the device is fed: readings in {@code units} (drift works on them), and for a model without an input
     * stage the driver that turns a reading into its int8 input tensor (null for a model with a stage).
     */
    private record DeviceInput(RawUnits units, Function<int[], byte[]> int8Driver) {
    }

    private DeviceInput deviceInput(DhmFile dhm, ModelMetadata meta, LabelledRows stream, LabelledRows evaluation) {
        Model m = dhm.model();
        if (m.hasInputStage()) {
            return new DeviceInput(ModelCard.rawUnits(m, dhm.name()), null);
        }
        if (int8In) {
            stream.checkInt8();
            evaluation.checkInt8();
            return new DeviceInput(RawUnits.ones(m.inputSize()), AdaptCommand::int8Tensor);
        }
        // the device's driver standardises and quantises sensor values; the readings it starts from are the CSV's
        // values in the finest decimal units that hold them (drift works on those)
        FeatureQuantizer quantizer = FeatureQuantizer.of(ModelInputs.standardizer(dhm, meta), m);
        RawUnits units = RawUnits.fit(Stream.concat(stream.features().rows().stream(),
                evaluation.features().rows().stream()).toList());
        return new DeviceInput(units, raw -> {
            double[] values = new double[raw.length];
            for (int f = 0; f < raw.length; f++) {
                values[f] = units.toValue(f, raw[f]);
            }
            return quantizer.quantize(values);
        });
    }

    private int evalEveryValue() {
        try {
            int n = Integer.parseInt(evalEvery.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, as a number below 1 is
        }
        throw new ParameterException(spec.commandLine(), "--eval-every must be a whole number >= 1 or auto, got '"
                + evalEvery + "'");
    }

    /**
     * Every 10 samples (20 points for the 200-sample stream), but no more than about 100 evaluations: each
     * runs the frozen, fixed-point and float models over the whole evaluation file, so a 10,000-sample stream
     * evaluated every 10 took 24 s instead of 2.
     */
    static int autoEvalEvery(int streamSamples) {
        return Math.max(10, (streamSamples + 99) / 100);
    }

    /**
     * Each feature's standard deviation over the stream's readings, in raw units: what {@code offset=…sd} counts.
     * The stream is what the device meets, and the evaluation rows stay unseen.
     */
    private static double[] deviations(List<int[]> readings) {
        int n = readings.get(0).length;
        double[] mean = new double[n];
        double[] sq = new double[n];
        for (int[] r : readings) {
            for (int f = 0; f < n; f++) {
                mean[f] += r[f];
            }
        }
        for (int f = 0; f < n; f++) {
            mean[f] /= readings.size();
        }
        for (int[] r : readings) {
            for (int f = 0; f < n; f++) {
                sq[f] += (r[f] - mean[f]) * (r[f] - mean[f]);
            }
        }
        double[] sd = new double[n];
        for (int f = 0; f < n; f++) {
            sd[f] = Math.sqrt(sq[f] / readings.size());
        }
        return sd;
    }

    /** The range the readings span, in the CSV's units (the drift's): {min, max}, the drift's default clip range. */
    private static double[] dataRange(RawUnits units, List<int[]> streamX, List<int[]> evalX) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int[] x : Stream.concat(streamX.stream(), evalX.stream()).toList()) {
            for (int f = 0; f < x.length; f++) {
                lo = Math.min(lo, units.toValue(f, x[f]));
                hi = Math.max(hi, units.toValue(f, x[f]));
            }
        }
        return new double[] {lo, hi};
    }

    /** An int8 input tensor from a (drifted) row of int8 values, saturated as a sensor driver would. */
    private static byte[] int8Tensor(int[] values) {
        byte[] q = new byte[values.length];
        for (int f = 0; f < values.length; f++) {
            q[f] = (byte) Math.max(-128, Math.min(127, values[f]));
        }
        return q;
    }

    private AdaptationRecipe recipe(boolean int8Model, boolean regression) {
        int guardFlags = parseGuards(regression);                      // usage errors before any note
        int set = parseTrainable();
        if (int8Model && (set & TrainableSet.INPUT_AFFINE) != 0) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--trainable")) {
                throw new ParameterException(spec.commandLine(), "--trainable input needs a raw input stage, and "
                        + model + " takes int8 input: train bias and/or last-layer");
            }
            set = TrainableSet.BIASES;
            spec.commandLine().getErr().println("note: " + model + " takes int8 input, so there is no input stage to "
                    + "recalibrate: training the biases (--trainable bias)");
        }
        AdaptationRecipe r = AdaptationRecipe.defaults().withTrainable(set).withGuards(guardFlags);
        if (regression) {
            r = r.withLoss(AdapterConfig.LOSS_MSE);
        }
        if (lr != null) {
            if (!(lr > 0 && lr < 100)) {
                throw new ParameterException(spec.commandLine(), "--lr must be in (0, 100), got " + lr);
            }
            r = r.withRate(lr);
        }
        if (halfLife != null) {
            if (halfLife < 0) {
                throw new ParameterException(spec.commandLine(), "--half-life must be >= 0, got " + halfLife);
            }
            r = halfLife == 0 ? r.withSchedule(FixedPointSchedule.CONSTANT, 1, 1)
                    : r.withSchedule(FixedPointSchedule.INVERSE_TIME, halfLife, 1);
        }
        return r;
    }

    private int parseTrainable() {
        int set = 0;
        for (String part : trainable.split(",")) {
            switch (part.trim().toLowerCase(Locale.ROOT)) {
                case "input" -> set |= TrainableSet.INPUT_AFFINE;
                case "bias", "biases" -> set |= TrainableSet.BIASES;
                case "last-layer", "last" -> set |= TrainableSet.LAST_LAYER;
                default -> throw new ParameterException(spec.commandLine(), "--trainable: unknown part '" + part
                        + "' (expected input, bias, last-layer)");
            }
        }
        return set;
    }

    /**
     * The guards asked for. A regression model has none: the device's squared-error step runs no guard ((b) and (c)
     * judge class predictions, the loss check compares cross-entropies), so naming one is a usage error rather than
     * a silent no-op.
     */
    private int parseGuards(boolean regression) {
        String g = guards.trim().toLowerCase(Locale.ROOT);
        if (g.equals("default")) {
            return regression ? Guards.NONE : Guards.DEFAULT;
        }
        if (g.equals("none")) {
            return Guards.NONE;
        }
        int flags = 0;
        for (String part : g.split(",")) {
            switch (part.trim()) {
                case "loss-check" -> flags |= Guards.LOSS_CHECK;
                case "skip-contradiction" -> flags |= Guards.SKIP_CONFIDENT_CONTRADICTION;
                case "agreement-monitor" -> flags |= Guards.AGREEMENT_MONITOR;
                case "input-shift" -> flags |= Guards.INPUT_SHIFT_LIFTS_SKIP;
                default -> throw new ParameterException(spec.commandLine(), "--guards: unknown guard '" + part
                        + "' (expected default, none, loss-check, skip-contradiction, agreement-monitor, input-shift)");
            }
        }
        if (regression) {
            throw new ParameterException(spec.commandLine(), "--guards " + guards + ": " + model + " is a regression "
                    + "model, which the device adapts without guards (skip-contradiction and agreement-monitor judge "
                    + "class predictions, loss-check compares cross-entropies): give --guards none or leave it out");
        }
        return flags;
    }

    /**
     * True for a regression model (one output from a fully connected last layer, adapted on the squared error), false
     * for a classifier (softmax last, cross-entropy). The metadata says which when there is one, and must agree with
     * the layers; a model without metadata is judged by its last layer. Checked before any data is read.
     */
    private static boolean isRegression(DhmFile dhm, Model m, ModelMetadata meta) {
        boolean fullyConnectedLast = m.isFullyConnected(m.layerCount() - 1);
        boolean regression = meta != null ? !meta.isClassification() : fullyConnectedLast;
        if (regression != fullyConnectedLast) {
            throw new DownhillException(dhm.path() + ": its metadata says " + (regression ? "regression" : "classifier")
                    + " but its last layer is " + (fullyConnectedLast ? "fully connected" : "SOFTMAX") + "; 'downhill "
                    + "adapt' needs a SOFTMAX last layer for a classifier and a fully connected one for regression");
        }
        if (regression && m.outputSize() != 1) {
            throw new DownhillException(dhm.path() + ": has " + m.outputSize() + " outputs from a fully connected last "
                    + "layer; 'downhill adapt' takes such a model as regression on one target column, so it needs one "
                    + "output (a classifier needs a SOFTMAX last layer)");
        }
        return regression;
    }

    private String labelColumn(ModelMetadata meta) {
        if (label != null) {
            return label;
        }
        if (meta == null) {
            throw new ParameterException(spec.commandLine(), "--label is required: " + model
                    + " has no metadata naming its label column");
        }
        return meta.labelColumn();
    }

    /**
     * A CSV's feature columns in the model's input order, and its labels: class ids, or regression targets whose
     * cells {@code targets} keeps for messages (null for a classifier).
     */
    private record LabelledRows(FeatureTable features, Labels labels, FeatureTable targets) {

        /** One note when targets lie beyond what the output's int8 holds: the device gets them saturated. */
        void noteSaturatedTargets(PrintWriter err) {
            int n = labels.saturatedTargets();
            if (n == 0) {
                return;
            }
            int first = labels.firstSaturatedTarget();
            err.println("note: " + features.source() + ": " + n + (n == 1 ? " target lies" : " targets lie")
                    + " outside what the model's int8 output holds (" + digits(labels.lowestTarget()) + ".."
                    + digits(labels.highestTarget()) + ") and reach" + (n == 1 ? "es" : "") + " the device saturated "
                    + "to -128..127 (first: " + targets.location(first, 0) + " " + targets.text(first, 0) + ")");
        }

        /** The rows as readings in {@code units} (rounded and saturated as the device's stage would, noted once). */
        List<int[]> readings(RawUnits units, PrintWriter err) {
            RawReadings readings = RawReadings.of(features, units);
            readings.notes(features.source()).forEach(err::println);
            return readings.rows();
        }

        /** With --int8-in: every value must be an int8 tensor element, else an error at its cell. */
        void checkInt8() {
            for (int r = 0; r < features.rowCount(); r++) {
                double[] row = features.row(r);
                for (int f = 0; f < row.length; f++) {
                    if (row[f] != Math.rint(row[f]) || row[f] < -128 || row[f] > 127) {
                        throw features.errorAt(r, f, "'" + features.text(r, f) + "' is not an int8 value -128..127"
                                + " (--int8-in: the CSV holds the model's int8 input tensors)");
                    }
                }
            }
        }
    }

    /**
     * Reads feature rows in the model's input order, and their labels. With metadata, features are found by name (any
     * order, no other columns) and labels are the model's class names; without, every column but the label is a
     * feature in file order and labels are class ids. For a regression model ({@code scaling} not null) the label
     * column holds numbers, the targets.
     */
    private LabelledRows readRows(String source, Model m, ModelMetadata meta, String labelName,
                                  TargetScaling scaling) {
        CsvTable t = CsvTable.read(DataSource.of(source));
        int labelColumn = t.columnIndex(labelName);
        if (labelColumn < 0) {
            throw t.noSuchColumn("no label column '" + labelName + "'");
        }
        FeatureTable features;
        if (meta != null) {
            features = FeatureTable.read(t, meta.features(), labelName);
        } else {
            List<String> columns = new ArrayList<>(t.header());
            columns.remove(labelColumn);
            if (columns.size() != m.inputSize()) {
                throw DataException.atLine(t.source(), 1, columns.size() + " feature columns, but the model takes "
                        + m.inputSize() + " (it has no metadata naming its features, so every column but the label is"
                        + " one, in order)");
            }
            features = FeatureTable.read(t, columns, labelName);
        }
        if (features.features().size() != m.inputSize()) {
            throw new DownhillException("the model's metadata names " + features.features().size()
                    + " features but it takes " + m.inputSize() + " inputs");
        }
        if (scaling != null) {
            // the target column parsed as strictly as a feature, each bad cell reported as file:line:column
            FeatureTable targets = FeatureTable.read(t, List.of(labelName), null);
            double[] values = new double[t.rowCount()];
            for (int r = 0; r < values.length; r++) {
                values[r] = targets.row(r)[0];
            }
            return new LabelledRows(features, Labels.targets(values, m, scaling), targets);
        }
        LabelEncoder classes = meta == null || meta.labels().isEmpty() ? null : LabelEncoder.of(meta.labels());
        int[] labels = new int[t.rowCount()];
        for (int r = 0; r < t.rowCount(); r++) {
            labels[r] = classId(t, r, labelColumn, classes, m.outputSize());
        }
        return new LabelledRows(features, Labels.classes(labels), null);
    }

    /** The class id of row {@code r}: its label looked up among the model's class names, or a class id 0..C-1. */
    private static int classId(CsvTable t, int r, int column, LabelEncoder classes, int classCount) {
        String cell = t.cell(r, column);
        if (classes != null) {
            int id = classes.idOf(cell);
            if (id < 0) {
                throw DataException.atCell(t.source(), t.line(r), column + 1, "label '" + cell
                        + "' is not one of the model's classes (" + String.join(", ", classes.names()) + ")");
            }
            return id;
        }
        int v;
        try {
            v = Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 0 || v >= classCount) {
            throw DataException.atCell(t.source(), t.line(r), column + 1, "label " + (cell.isEmpty() ? "(empty)" : cell)
                    + " is not a class id 0.." + (classCount - 1) + " (the model has no metadata naming its classes)");
        }
        return v;
    }

    /**
     * adapt-log.csv: accuracies and outcome counts for a classifier; MAE and RMSE in the target's units for
     * regression, whose device steps are always applied (no guard skips, rolls back or resets them).
     */
    private static String csv(List<AdaptationRun.Point> points) {
        boolean regression = points.get(0).frozen().isRegression();
        StringBuilder b = new StringBuilder(regression
                ? "samples_seen,frozen_mae,fixed_point_mae,float_reference_mae,frozen_rmse,fixed_point_rmse,"
                        + "float_reference_rmse,applied\n"
                : "samples_seen,frozen_accuracy,fixed_point_accuracy,float_reference_accuracy,applied,skipped,"
                        + "rolled_back,resets\n");
        for (AdaptationRun.Point p : points) {
            if (regression) {
                b.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%d%n", p.seen(),
                        p.frozen().meanAbsoluteError(), p.fixedPoint().meanAbsoluteError(),
                        p.floatReference().meanAbsoluteError(), p.frozen().rootMeanSquareError(),
                        p.fixedPoint().rootMeanSquareError(), p.floatReference().rootMeanSquareError(), p.applied()));
            } else {
                b.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%d,%d,%d,%d%n", p.seen(), p.frozen().accuracy(),
                        p.fixedPoint().accuracy(), p.floatReference().accuracy(), p.applied(), p.skipped(),
                        p.rolledBack(), p.resets()));
            }
        }
        return b.toString();
    }

    /**
     * {@code v} to 4 significant digits, plain: 61.2345 -> "61.23", 12345.6 -> "12350", 0.012345 -> "0.01235"; a float
     * reference driven to overflow by a huge rate prints as "Infinity" or "NaN".
     */
    private static String digits(double v) {
        return Double.isFinite(v) ? new BigDecimal(v).round(new MathContext(4)).toPlainString() : String.valueOf(v);
    }
}

package dev.downhill.trainer.cli;

import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.PreparedData;
import dev.downhill.trainer.data.ScaleSpread;
import dev.downhill.trainer.data.StandardizationMode;
import dev.downhill.trainer.data.Task;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by commands that train: which CSV, which label, which validation data, standardisation. */
final class DataOptions {
    /** {@code --standardize auto}: the mode is chosen from the training data ({@link ScaleSpread}). */
    static final String AUTO = "auto";

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Training CSV with a header row, or bundled:NAME (digits, digits-train, digits-test, "
                    + "iris, iris-train, iris-test).")
    String data;

    @Option(names = "--label", required = true, paramLabel = "COLUMN",
            description = "Name of the label column; every other column not left out with --ignore is a numeric "
                    + "feature.")
    String label;

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN",
            description = {"Columns of --data that are not features (a row id, notes), comma separated or repeated. "
                    + "Each must be a column of --data other than the label. The model lists only the features used; "
                    + "--test may hold these columns too."})
    List<String> ignore = new ArrayList<>();

    @Option(names = "--task", defaultValue = "classify", paramLabel = "classify|regress",
            description = "classify (integer or string labels, softmax cross-entropy) or regress (numeric "
                    + "label, mean squared error). Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Validation/test CSV with the label and every feature column, by name in any order; other "
                    + "columns are ignored (named once on stderr). Without it, --val-split is held out.")
    String test;

    @Option(names = "--val-split", paramLabel = "FRACTION",
            description = "Fraction of --data held out for validation (seeded, stratified by class) when no "
                    + "--test is given; 0 = none. Default: 0.2.")
    Double valSplit;

    @Option(names = "--standardize", defaultValue = "auto", paramLabel = "auto|global|per-feature",
            description = "Input standardisation: one mean/deviation for all features (global) or one per "
                    + "column (per-feature, for columns in different units); auto picks per-feature when the "
                    + "columns' ranges differ by more than 100x, else global. Default: ${DEFAULT-VALUE}.")
    String standardize;

    @Option(names = "--std-floor", defaultValue = "0", paramLabel = "DEVIATION",
            description = "Smallest deviation used, in the data's units (guards near-constant columns in "
                    + "per-feature mode). Default: ${DEFAULT-VALUE} (only constant columns are fixed up).")
    double stdFloor;

    /** Checks the values and builds the data spec; bad values are usage errors (exit 2). */
    PreparedData.Spec toSpec(CommandSpec spec, long seed) {
        Task t = parse(spec, "--task", () -> Task.fromId(task));
        StandardizationMode mode = AUTO.equals(standardize) ? null
                : parse(spec, "--standardize", () -> StandardizationMode.fromId(standardize));
        if (test != null && valSplit != null) {
            throw new ParameterException(spec.commandLine(), "--test and --val-split cannot be used together");
        }
        double fraction = valSplit == null ? 0.2 : valSplit;
        if (!(fraction >= 0 && fraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--val-split must be in [0, 1), got " + fraction);
        }
        if (!(stdFloor >= 0) || Double.isInfinite(stdFloor)) {
            throw new ParameterException(spec.commandLine(), "--std-floor must be a finite number >= 0, got "
                    + stdFloor);
        }
        return new PreparedData.Spec(DataSource.of(data), label, t, test == null ? null : DataSource.of(test),
                test == null ? fraction : 0, mode, stdFloor, seed, List.copyOf(new LinkedHashSet<>(ignore)));
    }

    /**
     * The notes on stderr about the data just prepared: feature columns that look like a row number, columns of
     * the test file the model does not use (beyond those given to --ignore), and the standardisation note.
     */
    void printNotes(PrintWriter err, PreparedData data) {
        ColumnNotes.rowNumbers(err, data.train().source(), data.rowNumberColumns());
        if (test != null) {
            ColumnNotes.ignored(err, data.validation().source(), data.validation().ignoredColumns(), ignore);
        }
        String note = standardizationNote(data);
        if (!note.isEmpty()) {
            err.println(note);
            err.flush();
        }
    }

    /**
     * One line on what the standardisation is when it is worth knowing: which mode {@code auto} chose for columns
     * in different units, or a warning when {@code global} was asked for on such columns. Empty otherwise.
     */
    String standardizationNote(PreparedData data) {
        ScaleSpread spread = data.scaleSpread();
        if (!spread.mixedUnits()) {
            return "";
        }
        if (AUTO.equals(standardize)) {
            return "standardisation: per-feature (auto: " + spread.describe() + ")";
        }
        if (data.standardizer().mode() == StandardizationMode.GLOBAL) {
            return "warning: --standardize global, but " + spread.describe() + "; the narrow columns reach the "
                    + "model as near-constants: consider --standardize per-feature (or auto)";
        }
        return "";
    }

    /** Converts an option value, turning IllegalArgumentException into a usage error naming the option. */
    static <T> T parse(CommandSpec spec, String option, java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}

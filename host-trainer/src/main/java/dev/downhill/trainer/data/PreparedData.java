package dev.downhill.trainer.data;

import java.util.List;

/**
 * Training data ready for the {@code Trainer}: the CSV(s) read and checked, validation data chosen (a
 * {@code --test} file or a seeded stratified split), standardisation fitted on the training part only, and
 * everything converted to {@link Examples}.
 *
 * @param validation        null when there is no validation data
 * @param validationName    where validation data came from, for messages and the model's provenance
 * @param scaleSpread       how far apart the training columns' ranges are (what {@code auto} decided on)
 * @param rowNumberColumns  features of the training file that count its rows ({@link RowNumberColumns}): worth a
 *                          warning, as they are usually a row id
 */
public record PreparedData(Dataset train, Dataset validation, String validationName, Standardizer standardizer,
                           TargetScaling targetScaling, Examples trainExamples, Examples validationExamples,
                           ScaleSpread scaleSpread, List<String> rowNumberColumns) {

    /**
     * What to load and how.
     *
     * @param testSource  a separate validation/test file, or null
     * @param validationFraction fraction held out when {@code testSource} is null; 0 = no validation data
     * @param mode        the standardisation, or {@code null} for automatic: per-feature when the training
     *                    columns' ranges say they are in different units ({@link ScaleSpread}), else global
     * @param ignoredColumns columns of the training file that are not features (besides the label); any of them
     *                    may also appear in the test file, like any other column the model does not use
     */
    public record Spec(DataSource source, String labelColumn, Task task, DataSource testSource,
                       double validationFraction, StandardizationMode mode, double deviationFloor, long seed,
                       List<String> ignoredColumns) {
        public Spec {
            ignoredColumns = List.copyOf(ignoredColumns);
        }
    }

    /** Reads, splits, standardises. Throws {@link DataException} for any problem with the files. */
    public static PreparedData prepare(Spec spec) {
        Dataset all = DatasetReader.forTraining(CsvTable.read(spec.source()), spec.labelColumn(), spec.task(),
                spec.ignoredColumns());
        List<String> rowNumbers = RowNumberColumns.find(all);
        Dataset train;
        Dataset validation;
        String validationName;
        if (spec.testSource() != null) {
            train = all;
            validation = DatasetReader.matching(CsvTable.read(spec.testSource()), spec.labelColumn(), spec.task(),
                    all.featureNames(), all.labels());
            validationName = spec.testSource().name();
        } else if (spec.validationFraction() > 0) {
            Split split = Split.of(all, spec.validationFraction(), spec.seed());
            train = split.train();
            validation = split.validation();
            validationName = (spec.task() == Task.CLASSIFY ? "stratified " : "random ")
                    + spec.validationFraction() + " of " + spec.source().name();
        } else {
            train = all;
            validation = null;
            validationName = "none";
        }
        ScaleSpread spread = ScaleSpread.of(train);
        StandardizationMode mode = spec.mode() != null ? spec.mode()
                : spread.mixedUnits() ? StandardizationMode.PER_FEATURE : StandardizationMode.GLOBAL;
        Standardizer standardizer = Standardizer.fit(train, mode, spec.deviationFloor());
        TargetScaling target = spec.task() == Task.REGRESS ? TargetScaling.fit(train) : TargetScaling.IDENTITY;
        Examples trainExamples = Examples.of(train, standardizer, target);
        Examples validationExamples = validation == null ? null : Examples.of(validation, standardizer, target);
        return new PreparedData(train, validation, validationName, standardizer, target, trainExamples,
                validationExamples, spread, rowNumbers);
    }
}

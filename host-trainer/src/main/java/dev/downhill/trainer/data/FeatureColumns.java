package dev.downhill.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a model's feature columns are in a CSV it is given later (test, evaluation, calibration, prediction
 * data). Columns are matched by name, so their order does not matter. Every feature must be present. Any other
 * column (a row id, the label, notes) is left out and listed in {@link #ignored}, so the command can say once
 * which columns it did not use: the model names its features, so an extra column cannot be mistaken for one.
 *
 * @param indices 0-based column index of each feature, in the model's feature order
 * @param ignored the file's other columns, in file order, except {@code labelColumn} (expected there)
 */
record FeatureColumns(int[] indices, List<String> ignored) {
    /** Names listed in full up to this many; beyond it the message names the first ones and the count. */

    FeatureColumns {
        ignored = List.copyOf(ignored);
    }

    /**
     * Finds every feature of {@code features} in {@code table}.
     *
     * @param labelColumn the model's label column (allowed, not required, not reported as ignored), or {@code null}
     * @throws DataException at line 1 naming the file and every missing feature column, or when
     *                       {@code labelColumn} is one of the features (the model would be scored on an input)
     */
    static FeatureColumns locate(CsvTable table, List<String> features, String labelColumn) {
        if (labelColumn != null && features.contains(labelColumn)) {
            throw DataException.atLine(table.source(), 1, "label column '" + labelColumn + "' is a feature of the "
                    + "model, not its label: name the column that holds what the model predicts");
        }
        int[] columns = new int[features.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            columns[j] = table.columnIndex(features.get(j));
            if (columns[j] < 0) {
                missing.add(features.get(j));
            }
        }
        if (!missing.isEmpty()) {
            throw DataException.atLine(table.source(), 1, "missing feature column" + (missing.size() == 1 ? "" : "s")
                    + " " + ColumnNames.quoted(missing) + " that the model was trained with");
        }
        List<String> ignored = new ArrayList<>();
        for (String name : table.header()) {
            if (!features.contains(name) && !name.equals(labelColumn)) {
                ignored.add(name);
            }
        }
        return new FeatureColumns(columns, ignored);
    }
}

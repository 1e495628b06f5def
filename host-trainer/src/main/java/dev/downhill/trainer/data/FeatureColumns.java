package dev.downhill.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a model's feature columns are in a CSV it is given later (calibration, test, prediction data).
 * Columns are matched by name, so their order does not matter. Every feature must be present; the only
 * other column allowed is the label column, which is ignored here. Anything else is refused rather than
 * skipped: a stray column usually means the wrong file, or a model trained on other columns, and
 * ignoring it would hide that.
 */
final class FeatureColumns {
    /** Names listed in full up to this many; beyond it the message names the first ones and the count. */
    private static final int NAMES_SHOWN = 6;

    private FeatureColumns() {
    }

    /**
     * The 0-based column index of each feature, in the model's feature order.
     *
     * @param labelColumn the model's label column (allowed, not required), or {@code null} if unknown
     * @throws DataException at line 1 listing the missing and the unexpected columns
     */
    static int[] locate(CsvTable table, List<String> features, String labelColumn) {
        int[] columns = new int[features.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            columns[j] = table.columnIndex(features.get(j));
            if (columns[j] < 0) {
                missing.add(features.get(j));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : table.header()) {
            if (!features.contains(name) && !name.equals(labelColumn)) {
                unexpected.add(name);
            }
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return columns;
        }
        List<String> problems = new ArrayList<>(2);
        if (!missing.isEmpty()) {
            problems.add("missing feature column" + plural(missing) + " " + names(missing)
                    + " that the model was trained with");
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected column" + plural(unexpected) + " " + names(unexpected)
                    + (labelColumn == null ? " (only the model's features may appear)"
                    : " (besides the model's features only its label column '" + labelColumn + "' may appear)"));
        }
        throw DataException.atLine(table.source(), 1, String.join("; ", problems));
    }

    private static String plural(List<String> names) {
        return names.size() == 1 ? "" : "s";
    }

    private static String names(List<String> names) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(names.size(), NAMES_SHOWN); i++) {
            s.append(i == 0 ? "'" : ", '").append(names.get(i)).append('\'');
        }
        if (names.size() > NAMES_SHOWN) {
            s.append(", ... (").append(names.size()).append(" in all)");
        }
        return s.toString();
    }
}

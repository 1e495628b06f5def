package dev.downhill.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a shape-checked {@link CsvTable} into a {@link Dataset}: picks the label column by name, parses every
 * feature cell strictly ({@link NumberCell}) and encodes labels, reporting the first bad cell as
 * {@code file:line:column}.
 */
public final class DatasetReader {
    /**
     * More distinct classes than this, with fewer than two rows per class, looks like a regression target (or an
     * id column): nothing can be learned of a class seen once. Below it, tiny hand-made files (two rows, two
     * classes) still train.
     */
    private static final int SUSPICIOUS_CLASS_COUNT = 10;

    private DatasetReader() {
    }

    /**
     * Reads training data: every column except {@code labelColumn} is a feature; class names are learned from
     * this file and must include at least two classes.
     */
    public static Dataset forTraining(CsvTable table, String labelColumn, Task task) {
        return forTraining(table, labelColumn, task, List.of());
    }

    /**
     * Reads training data: every column except {@code labelColumn} and the {@code ignored} ones is a feature, in
     * file order; class names are learned from this file and must include at least two classes.
     *
     * @param ignored columns to leave out (a row id, notes); each must be a column of the file other than the label
     * @throws DataException at line 1 for an ignored name the file does not have (listing its columns), for
     *                       ignoring the label, or when no feature column is left
     */
    public static Dataset forTraining(CsvTable table, String labelColumn, Task task, List<String> ignored) {
        int labelIndex = requireColumn(table, labelColumn);
        for (String name : ignored) {
            if (table.columnIndex(name) < 0) {
                throw table.noSuchColumn("--ignore " + name + ": no column '" + name + "'");
            }
            if (name.equals(labelColumn)) {
                throw DataException.atLine(table.source(), 1, "--ignore " + name + ": '" + name
                        + "' is the label column; it cannot also be left out");
            }
        }
        List<String> features = new ArrayList<>(table.header());
        features.remove(labelIndex);
        features.removeAll(ignored);
        if (features.isEmpty()) {
            throw DataException.atLine(table.source(), 1, ignored.isEmpty()
                    ? "no feature columns: the only column is the label '" + labelColumn + "'"
                    : "no feature columns: besides the label '" + labelColumn + "' every column is left out by --ignore");
        }
        List<String> left = new ArrayList<>();
        for (String name : table.header()) {
            if (ignored.contains(name)) {
                left.add(name);
            }
        }
        LabelEncoder labels = null;
        if (task == Task.CLASSIFY) {
            List<String> values = new ArrayList<>(table.rowCount());
            for (int r = 0; r < table.rowCount(); r++) {
                String v = table.cell(r, labelIndex);
                if (v.isEmpty()) {
                    throw DataException.atCell(table.source(), table.line(r), labelIndex + 1,
                            "missing value in label column '" + labelColumn + "'");
                }
                values.add(v);
            }
            labels = LabelEncoder.fit(values);
            refuseNumericTwins(table, labelColumn, labels);
            if (labels.classCount() < 2) {
                throw DataException.inFile(table.source(), "label column '" + labelColumn
                        + "' holds a single class ('" + labels.nameOf(0)
                        + "'); classification needs at least two classes");
            }
            if (labels.classCount() > SUSPICIOUS_CLASS_COUNT && labels.classCount() * 2 > table.rowCount()) {
                boolean numbers = labels.names().stream().allMatch(NumberCell::isDecimal);
                throw DataException.inFile(table.source(), "label column '" + labelColumn + "' has "
                        + labels.classCount() + " distinct values in " + table.rowCount()
                        + " rows, fewer than two rows per class; " + (numbers
                        ? "if it is a number to predict, use --task regress"
                        : "is it the label column? (an id or free text cannot be learned as classes)"));
            }
        }
        return read(table, labelIndex, task, features, labels, left);
    }

    /**
     * Reads data for a model trained earlier (test set, evaluation): the model's feature columns are looked up
     * by name, in any order, and must all be there; any other column is left out and listed in
     * {@link Dataset#ignoredColumns} ({@link FeatureColumns}); labels must be ones the model knows.
     */
    public static Dataset matching(CsvTable table, String labelColumn, Task task, List<String> features,
                                   LabelEncoder labels) {
        int labelIndex = requireColumn(table, labelColumn);
        List<String> ignored = FeatureColumns.locate(table, features, labelColumn).ignored();
        return read(table, labelIndex, task, features, labels, ignored);
    }

    private static Dataset read(CsvTable table, int labelIndex, Task task, List<String> features,
                                LabelEncoder labels, List<String> ignored) {
        int n = table.rowCount();
        int d = features.size();
        int[] columns = new int[d];
        for (int j = 0; j < d; j++) {
            columns[j] = table.columnIndex(features.get(j));
        }
        double[] x = new double[n * d];
        int[] classes = task == Task.CLASSIFY ? new int[n] : null;
        double[] targets = task == Task.REGRESS ? new double[n] : null;
        String[] why = new String[1];
        String labelName = table.header().get(labelIndex);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                Double v = NumberCell.parse(table.cell(r, columns[j]), why);
                if (v == null) {
                    // Features are every column but the label and the ignored ones, so a text column (a name, a
                    // note) lands here: say how to leave it out.
                    // Not for a decimal comma: that column is wanted, written in another locale.
                    String hint = why[0].startsWith("not a number") && !why[0].contains(NumberCell.DECIMAL_COMMA)
                            ? "; to train without this column, add --ignore " + table.header().get(columns[j]) : "";
                    throw cellError(table, r, columns[j], why[0] + hint);
                }
                x[r * d + j] = v;
            }
            String label = table.cell(r, labelIndex);
            if (task == Task.CLASSIFY) {
                if (label.isEmpty()) {
                    throw cellError(table, r, labelIndex, "missing value");
                }
                int id = labels.idOf(label);
                if (id < 0) {
                    throw cellError(table, r, labelIndex, "label '" + label + "' is not one of the "
                            + labels.classCount() + " classes the model knows (" + knownLabels(labels) + ")");
                }
                classes[r] = id;
            } else {
                Double v = NumberCell.parse(label, why);
                if (v == null) {
                    throw cellError(table, r, labelIndex, why[0]);
                }
                targets[r] = v;
            }
        }
        return new Dataset(table.source(), task, features, labelName, x, classes, targets, labels, ignored);
    }

    /**
     * Labels '1' and '1.0' would be two classes; in practice they are one class written by two tools (pandas
     * writes integer labels as floats once a column has a gap), so training on them would silently split it.
     */
    private static void refuseNumericTwins(CsvTable table, String labelColumn, LabelEncoder labels) {
        java.util.Map<Double, String> seen = new java.util.HashMap<>();
        for (String name : labels.names()) {
            if (!NumberCell.isDecimal(name)) {
                continue;
            }
            String twin = seen.putIfAbsent(Double.parseDouble(name), name);
            if (twin != null) {
                throw DataException.inFile(table.source(), "label column '" + labelColumn + "' holds '" + twin
                        + "' and '" + name + "', the same number written two ways; they would be two classes: "
                        + "write each class one way");
            }
        }
    }

    private static int requireColumn(CsvTable table, String name) {
        int index = table.columnIndex(name);
        if (index < 0) {
            throw table.noSuchColumn("no label column '" + name + "'" + labelHint(table, name));
        }
        return index;
    }

    /** Why a label column may not be found, when the file or the name shows it; empty otherwise. */
    private static String labelHint(CsvTable table, String name) {
        if (name.matches("\\d{1,9}")) {
            return " (columns are chosen by name, not position)";
        }
        if (name.contains(",") && Arrays.stream(name.split(",")).allMatch(n -> table.columnIndex(n.strip()) >= 0)) {
            return " (a model predicts one label column: train one model per target, leaving the other targets "
                    + "out with --ignore)";
        }
        long numbers = table.header().stream().filter(NumberCell::isNumber).count();
        if (numbers * 2 > table.header().size()) {
            // A file without a header whose label is text: the first data row was taken for the header.
            return " (the first row looks like data: " + numbers + " of its " + table.header().size()
                    + " names are numbers; add a header row naming the columns)";
        }
        return "";
    }

    /** A bad cell, as {@code file:line:column: column 'name': problem}. */
    static DataException cellError(CsvTable table, int row, int column, String problem) {
        return DataException.atCell(table.source(), table.line(row), column + 1,
                "column '" + table.header().get(column) + "': " + problem);
    }

    private static String knownLabels(LabelEncoder labels) {
        List<String> names = labels.names();
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + ", ...";
    }
}

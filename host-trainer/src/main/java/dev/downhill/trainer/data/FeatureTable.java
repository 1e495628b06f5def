package dev.downhill.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature values of a CSV given to a model trained earlier, in the model's feature order, without
 * labels: calibration data, prediction inputs. Columns are matched by name ({@link FeatureColumns}: any
 * order; every feature must be there; the label and any other column are left out, the others listed in
 * {@link #ignoredColumns}) and every cell is parsed as strictly as
 * training data ({@link NumberCell}). Keeps where each value came from, so checks made later (an integer
 * for an input stage, an int8 for {@code --int8-in}) can report {@code file:line:column}.
 */
public final class FeatureTable {
    private final CsvTable table;
    private final List<String> features;
    private final int[] columns;
    private final double[] values;
    private final List<String> ignoredColumns;

    private FeatureTable(CsvTable table, List<String> features, FeatureColumns columns, double[] values) {
        this.table = table;
        this.features = List.copyOf(features);
        this.columns = columns.indices();
        this.values = values;
        this.ignoredColumns = columns.ignored();
    }

    /**
     * Reads the columns named {@code features} from every row of {@code table}.
     *
     * @param labelColumn the model's label column, allowed in the file, left out and not counted among the
     *                    {@link #ignoredColumns}; {@code null} if unknown
     * @throws DataException naming the missing feature columns, or locating the first bad cell
     */
    public static FeatureTable read(CsvTable table, List<String> features, String labelColumn) {
        FeatureColumns located = FeatureColumns.locate(table, features, labelColumn);
        int[] columns = located.indices();
        int d = columns.length;
        double[] values = new double[table.rowCount() * d];
        String[] why = new String[1];
        for (int r = 0; r < table.rowCount(); r++) {
            for (int j = 0; j < d; j++) {
                Double v = NumberCell.parse(table.cell(r, columns[j]), why);
                if (v == null) {
                    throw DatasetReader.cellError(table, r, columns[j], why[0]);
                }
                values[r * d + j] = v;
            }
        }
        return new FeatureTable(table, features, located, values);
    }

    /** The file name or {@code bundled:NAME}, for messages. */
    public String source() {
        return table.source();
    }

    /** Feature names, in the model's order (the order of {@link #row}). */
    public List<String> features() {
        return features;
    }

    /** The file's columns that are neither features nor the label column, in file order: read past, unused. */
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    public int rowCount() {
        return table.rowCount();
    }

    /** The values of data row {@code row} (0-based), in feature order; a fresh array. */
    public double[] row(int row) {
        int d = columns.length;
        double[] out = new double[d];
        System.arraycopy(values, row * d, out, 0, d);
        return out;
    }

    /** Every row, in file order; fresh arrays. */
    public List<double[]> rows() {
        List<double[]> rows = new ArrayList<>(rowCount());
        for (int r = 0; r < rowCount(); r++) {
            rows.add(row(r));
        }
        return rows;
    }

    /** The cell's text as written, for messages. */
    public String text(int row, int feature) {
        return table.cell(row, columns[feature]);
    }

    /** Where the value of {@code feature} in data row {@code row} is: {@code file:line:column}. */
    public String location(int row, int feature) {
        return table.source() + ":" + table.line(row) + ":" + (columns[feature] + 1);
    }

    /** A problem with the value of {@code feature} in data row {@code row}, located as {@code file:line:column}. */
    public DataException errorAt(int row, int feature, String problem) {
        return DatasetReader.cellError(table, row, columns[feature], problem);
    }
}

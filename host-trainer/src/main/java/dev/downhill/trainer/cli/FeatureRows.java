package dev.downhill.trainer.cli;

import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The feature columns of a CSV read with the trainer's {@link CsvTable}, for data without (or with
 * an ignored) label column: calibration data, prediction inputs. Columns are looked up by the
 * model's feature names; any other column is ignored.
 */
final class FeatureRows {

    /** Plain decimal numbers only, as the trainer accepts them (no NaN, Infinity, hex or suffixes). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private FeatureRows() {
    }

    /**
     * The values of {@code features} for every row.
     *
     * @throws DataException naming the file and the missing column, or the line and column of a bad cell
     */
    static List<double[]> read(CsvTable table, List<String> features) {
        int[] columns = columns(table, features);
        List<double[]> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            double[] row = new double[columns.length];
            for (int j = 0; j < columns.length; j++) {
                row[j] = number(table, r, columns[j]);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw DataException.inFile(table.source(), "no data rows");
        }
        return rows;
    }

    /**
     * Already-quantised int8 inputs: integers in −128..127.
     *
     * @throws DataException naming the line and column of a value that is not an int8
     */
    static List<byte[]> readInt8(CsvTable table, List<String> features) {
        int[] columns = columns(table, features);
        List<byte[]> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            byte[] row = new byte[columns.length];
            for (int j = 0; j < columns.length; j++) {
                double v = number(table, r, columns[j]);
                if (v != Math.rint(v) || v < -128 || v > 127) {
                    throw DataException.atCell(table.source(), table.line(r), columns[j] + 1,
                            "--int8-in expects integers in -128..127, got '" + table.cell(r, columns[j]) + "'");
                }
                row[j] = (byte) v;
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw DataException.inFile(table.source(), "no data rows");
        }
        return rows;
    }

    private static int[] columns(CsvTable table, List<String> features) {
        int[] columns = new int[features.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = table.columnIndex(features.get(j));
            if (columns[j] < 0) {
                throw DataException.atLine(table.source(), 1, "missing feature column '" + features.get(j)
                        + "' that the model was trained with (the header has " + table.header().size() + " columns)");
            }
        }
        return columns;
    }

    private static double number(CsvTable table, int row, int column) {
        String text = table.cell(row, column).trim();
        if (text.isEmpty()) {
            throw DataException.atCell(table.source(), table.line(row), column + 1, "missing value");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw DataException.atCell(table.source(), table.line(row), column + 1,
                    "not a number: '" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'");
        }
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
            throw DataException.atCell(table.source(), table.line(row), column + 1, "'" + text + "' is out of range");
        }
        return v;
    }
}

package dev.downhill.trainer.quantize;

import dev.downhill.trainer.data.FeatureTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV as the readings a model's raw input stage takes ({@link RawUnits#toRaw}), and how many values
 * had more decimals than their feature's unit and were rounded: a device reports readings in its unit, so rounding
 * is what it would do, but the user is told once ({@link #roundingNote}).
 *
 * @param rows one reading per feature, per data row, in file order
 * @param rounded how many values were rounded to their unit
 * @param firstRounded where and how the first rounded value was rounded, or {@code null} when none was
 */
public record RawReadings(List<int[]> rows, int rounded, String firstRounded) {

    public RawReadings {
        rows = List.copyOf(rows);
    }

    /**
     * Converts every row of {@code table}.
     *
     * @throws dev.downhill.trainer.data.DataException at {@code file:line:column} of the first value outside the
     *     stage's −32768..32767 in its feature's unit, naming the column and the value
     */
    public static RawReadings of(FeatureTable table, RawUnits units) {
        if (table.features().size() != units.features()) {
            throw new IllegalArgumentException("the table has " + table.features().size() + " features, the units "
                    + units.features());
        }
        List<int[]> rows = new ArrayList<>(table.rowCount());
        int rounded = 0;
        String first = null;
        for (int r = 0; r < table.rowCount(); r++) {
            double[] row = table.row(r);
            int[] raw = new int[row.length];
            for (int f = 0; f < row.length; f++) {
                try {
                    raw[f] = units.toRaw(f, row[f]);
                } catch (IllegalArgumentException e) {
                    throw table.errorAt(r, f, "value " + table.text(r, f) + " " + e.getMessage());
                }
                if (!units.isWhole(f, row[f]) && rounded++ == 0) {
                    first = table.location(r, f) + " " + table.text(r, f) + " read as " + raw[f] + " x "
                            + units.unit(f);
                }
            }
            rows.add(raw);
        }
        return new RawReadings(rows, rounded, first);
    }

    /** The one line to print when values were rounded, e.g. "note: f.csv: 3 values have more decimals ...". */
    public String roundingNote(String source) {
        if (rounded == 0) {
            return null;
        }
        return "note: " + source + ": " + rounded + (rounded == 1 ? " value has" : " values have")
                + " more decimals than the model's raw units and " + (rounded == 1 ? "was" : "were")
                + " rounded as the device would read " + (rounded == 1 ? "it" : "them") + " (first: " + firstRounded + ")";
    }
}

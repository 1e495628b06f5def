package dev.downhill.trainer.quantize;

import dev.downhill.trainer.data.FeatureTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV as the readings a model's raw input stage takes ({@link RawUnits#toRaw}), and what the
 * conversion had to do to values a device could not report exactly: values with more decimals than their
 * feature's unit are rounded, values whose reading is outside −32768..32767 are saturated (as the runtime's
 * stage saturates its input, and as a sensor saturates at the end of its range). Both are what the device does,
 * so neither is an error; the user is told once per file ({@link #notes}).
 *
 * @param rows one reading per feature, per data row, in file order
 * @param rounded how many values were rounded to their unit
 * @param firstRounded where and how the first rounded value was rounded, or {@code null} when none was
 * @param clipped how many readings were saturated to −32768..32767
 * @param firstClipped where and how the first one was, or {@code null} when none was
 */
public record RawReadings(List<int[]> rows, int rounded, String firstRounded, int clipped, String firstClipped) {

    public RawReadings {
        rows = List.copyOf(rows);
    }

    /** Converts every row of {@code table}. */
    public static RawReadings of(FeatureTable table, RawUnits units) {
        if (table.features().size() != units.features()) {
            throw new IllegalArgumentException("the table has " + table.features().size() + " features, the units "
                    + units.features());
        }
        List<int[]> rows = new ArrayList<>(table.rowCount());
        int rounded = 0;
        String firstRounded = null;
        int clipped = 0;
        String firstClipped = null;
        for (int r = 0; r < table.rowCount(); r++) {
            double[] row = table.row(r);
            int[] raw = new int[row.length];
            for (int f = 0; f < row.length; f++) {
                raw[f] = units.toRaw(f, row[f]);
                if (!units.fits(f, row[f])) {
                    if (clipped++ == 0) {
                        firstClipped = table.location(r, f) + " column '" + table.features().get(f) + "' "
                                + table.text(r, f) + " = " + units.inUnits(f, row[f]) + ", read as " + raw[f];
                    }
                } else if (!units.isWhole(f, row[f]) && rounded++ == 0) {
                    firstRounded = table.location(r, f) + " " + table.text(r, f) + " read as " + raw[f] + " x "
                            + units.unit(f);
                }
            }
            rows.add(raw);
        }
        return new RawReadings(rows, rounded, firstRounded, clipped, firstClipped);
    }

    /**
     * The lines to print on stderr, none when every value was read exactly: a note on rounding, a warning on
     * saturation (a reading the device cannot report beyond: a wrong unit, or data outside the range the model
     * was calibrated on).
     */
    public List<String> notes(String source) {
        List<String> lines = new ArrayList<>(2);
        if (rounded > 0) {
            lines.add("note: " + source + ": " + rounded + (rounded == 1 ? " value has" : " values have")
                    + " more decimals than the model's raw units and " + (rounded == 1 ? "was" : "were")
                    + " rounded as the device would read " + (rounded == 1 ? "it" : "them") + " (first: " + firstRounded
                    + ")");
        }
        if (clipped > 0) {
            lines.add("warning: " + source + ": " + clipped + (clipped == 1 ? " value is" : " values are")
                    + " beyond what an int16 reading in the model's raw units holds and " + (clipped == 1 ? "was" : "were")
                    + " saturated to -32768..32767, as the device's input stage does (first: " + firstClipped
                    + "); the calibration data did not reach this far");
        }
        return lines;
    }
}

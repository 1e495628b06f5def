package dev.downhill.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Feature columns that look like a row number: read top to bottom they are exactly 0, 1, 2, ... or 1, 2, 3, ...
 * A row id exported with the data (pandas' index, a spreadsheet's row column) is the commonest stray feature; the
 * model can then learn the file's order (often sorted by class) instead of the measurements. Only a hint: a time
 * step can legitimately count the same way, so the trainer warns and trains anyway.
 */
public final class RowNumberColumns {
    /** Fewer rows than this prove nothing: a short count is as likely a real feature. */
    static final int MIN_ROWS = 5;

    private RowNumberColumns() {
    }

    /** The names of the features of {@code data} (rows in file order) that count the rows from 0 or from 1. */
    public static List<String> find(Dataset data) {
        List<String> found = new ArrayList<>();
        int n = data.size();
        if (n < MIN_ROWS) {
            return found;
        }
        for (int j = 0; j < data.featureCount(); j++) {
            double first = data.feature(0, j);
            if (first != 0 && first != 1) {
                continue;
            }
            boolean counts = true;
            for (int r = 1; r < n && counts; r++) {
                counts = data.feature(r, j) == first + r;
            }
            if (counts) {
                found.add(data.featureNames().get(j));
            }
        }
        return found;
    }
}

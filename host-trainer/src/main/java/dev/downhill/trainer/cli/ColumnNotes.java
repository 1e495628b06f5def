package dev.downhill.trainer.cli;

import dev.downhill.trainer.data.ColumnNames;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One-line notes on stderr about the columns of a CSV: the ones a command read past because the model does not
 * use them, and training features that look like a row number. Said once per file, never an error: the model
 * names its features, so an extra column cannot be mistaken for one, but a user should know what was skipped.
 */
final class ColumnNotes {
    /** Names listed in full up to this many. */

    private ColumnNotes() {
    }

    /**
     * {@code note: t.csv: ignoring columns 'id', 'notes' (not features of the model)}, leaving out the names in
     * {@code expected} (columns the user already said to skip); nothing when no other column is left.
     */
    static void ignored(PrintWriter err, String source, List<String> ignored, Collection<String> expected) {
        List<String> shown = new ArrayList<>(ignored);
        shown.removeAll(expected);
        if (shown.isEmpty()) {
            return;
        }
        boolean one = shown.size() == 1;
        err.println("note: " + source + ": ignoring column" + (one ? " " : "s ") + ColumnNames.quoted(shown)
                + (one ? " (not a feature of the model)" : " (not features of the model)"));
        err.flush();
    }

    /**
     * {@code warning: feature column 'id' counts the rows ...; if it is a row id, leave it out with --ignore id}
     * for {@link dev.downhill.trainer.data.RowNumberColumns}; nothing when {@code columns} is empty.
     */
    static void rowNumbers(PrintWriter err, String source, List<String> columns) {
        if (columns.isEmpty()) {
            return;
        }
        boolean one = columns.size() == 1;
        err.println("warning: " + source + ": feature column" + (one ? " " : "s ") + ColumnNames.quoted(columns)
                + (one ? " counts" : " count") + " the rows (0, 1, 2, ... or 1, 2, 3, ...); if "
                + (one ? "it is a row id" : "they are row ids") + ", leave " + (one ? "it" : "them")
                + " out with --ignore " + String.join(",", columns));
        err.flush();
    }
}

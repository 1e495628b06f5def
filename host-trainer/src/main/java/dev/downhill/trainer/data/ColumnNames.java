package dev.downhill.trainer.data;

import java.util.List;

/** Column names as messages show them: quoted, comma separated, only the first few of many. */
public final class ColumnNames {

    private static final int NAMES_SHOWN = 6;

    private ColumnNames() {
    }

    /**
     * Column names for a message: quoted, comma separated, the first few only when there are many.
     *
     * @param names the column names
     * @return e.g. {@code 'id', 'note'} or {@code 'a', 'b', ... (40 in all)}
     */
    public static String quoted(List<String> names) {
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

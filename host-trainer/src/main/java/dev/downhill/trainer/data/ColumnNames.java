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

    /**
     * Column names for a line of output, unquoted: all of them up to {@code shown}, else the first
     * {@code shown - 2}, the count and the last {@code tail}.
     *
     * @param names the column names
     * @param shown how many are listed in full
     * @param tail  how many of the last ones a shortened list ends with
     * @return e.g. {@code a, b} or {@code f0, ..., f9, ... (30 in all), f29}
     */
    public static String plain(List<String> names, int shown, int tail) {
        if (names.size() <= shown) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, shown - 2)) + ", ... (" + names.size() + " in all), "
                + String.join(", ", names.subList(names.size() - tail, names.size()));
    }
}

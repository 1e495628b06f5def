package dev.downhill.trainer.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file as text cells, checked for shape: a header row of distinct, non-empty column names and data rows
 * with exactly as many fields as the header. Every row remembers its line so later checks (numbers, labels)
 * can report {@code file:line:column}. Cells are trimmed; empty lines, and lines of nothing but spaces or tabs (an
 * editor's or a script's trailing " \n"), are skipped.
 *
 * <p>The field separator is taken from the header row: a comma, or a semicolon or tab when the header holds more
 * of those than commas (outside quotes). Spreadsheets in many locales save "CSV" with semicolons, and the header
 * row names the columns, so it shows the separator unambiguously.
 *
 * <p>Whole files are read into memory: the datasets this tool is for (sensor windows, 8x8 digits) are small.
 */
public final class CsvTable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();
    /** Separators recognised in the header row; the first wins a tie. */
    private static final char[] SEPARATORS = {',', ';', '\t'};
    /** Column names listed in full up to this many in {@link #noSuchColumn}; beyond it, the first and last ones. */
    private static final int COLUMNS_SHOWN = 12;

    private final String source;
    private final List<String> header;
    private final List<String[]> rows;
    private final int[] lines;

    private CsvTable(String source, List<String> header, List<String[]> rows, int[] lines) {
        this.source = source;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
    }

    /** Reads and shape-checks a CSV file or bundled dataset. */
    public static CsvTable read(DataSource source) {
        return parse(source.name(), source.readText());
    }

    /** Parses CSV text; {@code sourceName} is used in messages only. */
    public static CsvTable parse(String sourceName, String text) {
        if (text.isBlank()) {
            throw DataException.inFile(sourceName, "file is empty (expected a header row and data rows)");
        }
        LineIndex lineIndex = new LineIndex(text);
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineList = new ArrayList<>();
        CSVFormat format = FORMAT.builder().setDelimiter(separator(text)).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                int line = lineIndex.lineOf(skipLineBreaks(text, record.getCharacterPosition()));
                String[] cells = record.values();
                if (cells.length == 1 && cells[0].isEmpty()) {
                    continue; // a line of spaces: blank, like the empty lines commons-csv skips itself
                }
                if (header == null) {
                    header = checkHeader(sourceName, line, cells);
                    continue;
                }
                if (cells.length != header.size()) {
                    throw DataException.atLine(sourceName, line, "row has " + cells.length + " field"
                            + (cells.length == 1 ? "" : "s") + " but the header has " + header.size());
                }
                rows.add(cells);
                lineList.add(line);
            }
        } catch (UncheckedIOException e) {
            throw malformed(sourceName, e.getCause(), lineIndex);
        } catch (IOException e) {
            throw malformed(sourceName, e, lineIndex);
        }
        if (header == null) {
            throw DataException.inFile(sourceName, "file is empty (expected a header row and data rows)");
        }
        if (rows.isEmpty()) {
            throw DataException.inFile(sourceName, "has a header row but no data rows");
        }
        int[] lines = lineList.stream().mapToInt(Integer::intValue).toArray();
        return new CsvTable(sourceName, header, rows, lines);
    }

    /** The separator used most often, outside quotes, on the first non-blank line (the header row). */
    static char separator(String text) {
        int[] counts = new int[SEPARATORS.length];
        boolean quoted = false;
        boolean started = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (started) {
                    break;
                }
                continue;
            } else if (!quoted) {
                for (int k = 0; k < SEPARATORS.length; k++) {
                    if (c == SEPARATORS[k]) {
                        counts[k]++;
                    }
                }
            }
            started |= c != ' '; // a line of spaces before the header is blank, not the header
        }
        int best = 0;
        for (int k = 1; k < SEPARATORS.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return SEPARATORS[best];
    }

    /** commons-csv reports a record as starting before the empty lines it skipped; step over them. */
    private static long skipLineBreaks(String text, long position) {
        int p = (int) position;
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
            p++;
        }
        return p;
    }

    private static List<String> checkHeader(String source, int line, String[] cells) {
        boolean allNumbers = true;
        for (String cell : cells) {
            allNumbers &= NumberCell.isNumber(cell);
        }
        if (allNumbers) {
            throw DataException.atLine(source, line, "no header row: the first row holds numbers, not column names"
                    + " (add a first line such as 'x1,x2,label')");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < cells.length; c++) {
            if (cells[c].isEmpty()) {
                // pandas' to_csv writes its row index as a first column with an empty name.
                throw DataException.atCell(source, line, c + 1, "header has an empty column name"
                        + (c == 0 ? " (a row index written by pandas? save with index=False)" : ""));
            }
            if (!seen.add(cells[c])) {
                throw DataException.atCell(source, line, c + 1, "duplicate column name '" + cells[c] + "'");
            }
        }
        return Collections.unmodifiableList(Arrays.asList(cells));
    }

    /** commons-csv: "... at line: 3, position: 22" (position = characters read so far). */
    private static final Pattern AFTER_CLOSING_QUOTE =
            Pattern.compile("Invalid character between encapsulated token and delimiter at line: (\\d+), position: (\\d+)");
    /** commons-csv: "(startline 3) EOF reached before encapsulated token finished". */
    private static final Pattern UNCLOSED_QUOTE =
            Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished");

    /** commons-csv's malformed-quoting messages, restated as {@code file:line:} and what to fix. */
    private static DataException malformed(String source, Throwable cause, LineIndex lines) {
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        Matcher m = AFTER_CLOSING_QUOTE.matcher(message);
        if (m.find()) {
            int line = Integer.parseInt(m.group(1));
            long position = Long.parseLong(m.group(2));
            return DataException.atLine(source, line, "malformed CSV: after a closing quote the field must end, but "
                    + "character " + (position - lines.startOf(line)) + " of the line continues it (a quote inside "
                    + "a quoted field is written \"\")");
        }
        m = UNCLOSED_QUOTE.matcher(message);
        if (m.find()) {
            return DataException.atLine(source, Integer.parseInt(m.group(1)), "malformed CSV: a quoted field starts "
                    + "on this line and its closing quote never comes");
        }
        return DataException.inFile(source, "malformed CSV: " + (message.isEmpty() ? "unreadable" : message));
    }

    public String source() {
        return source;
    }

    public List<String> header() {
        return header;
    }

    /** 0-based index of the column called {@code name}, or -1. */
    public int columnIndex(String name) {
        return header.indexOf(name);
    }

    /**
     * An error at line 1 of this file: {@code problem} (e.g. {@code "no label column 'x'"}) followed by the file's
     * columns, so a misspelt or misremembered name can be corrected from the message alone.
     */
    public DataException noSuchColumn(String problem) {
        return DataException.atLine(source, 1, problem + "; the columns are: "
                + ColumnNames.plain(header, COLUMNS_SHOWN, 2));
    }

    public int rowCount() {
        return rows.size();
    }

    /** The trimmed text of a cell; {@code row} and {@code column} are 0-based. */
    public String cell(int row, int column) {
        return rows.get(row)[column];
    }

    /** The 1-based line of the file on which data row {@code row} (0-based) starts. */
    public int line(int row) {
        return lines[row];
    }

    /** Maps a character offset in the text to its 1-based line; handles quoted fields spanning lines. */
    private static final class LineIndex {
        private final int[] lineStarts;

        LineIndex(String text) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (endsLine(text, i)) {
                    count++;
                }
            }
            lineStarts = new int[count];
            int k = 1;
            for (int i = 0; i < text.length(); i++) {
                if (endsLine(text, i)) {
                    lineStarts[k++] = i + 1;
                }
            }
        }

        /** LF, or a CR not followed by LF: commons-csv also ends records at a lone CR (old Mac line ends). */
        private static boolean endsLine(String text, int i) {
            char c = text.charAt(i);
            return c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
        }

        /** The character offset at which 1-based {@code line} starts (the last line if beyond). */
        long startOf(int line) {
            return lineStarts[Math.max(0, Math.min(line, lineStarts.length) - 1)];
        }

        int lineOf(long position) {
            int index = Arrays.binarySearch(lineStarts, (int) position);
            return index >= 0 ? index + 1 : -index - 1;
        }
    }
}

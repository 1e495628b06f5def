package dev.downhill.trainer.cli;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataException;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.FeatureTable;
import dev.downhill.trainer.data.Standardizer;
import dev.downhill.trainer.export.ModelMetadata;
import dev.downhill.trainer.quantize.FeatureQuantizer;
import dev.downhill.trainer.quantize.RawReadings;
import dev.downhill.trainer.quantize.RawUnits;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV turned into what tiny-runtime's {@link Interpreter} takes for one model, exactly
 * one of:
 * <ul>
 *   <li>{@code raw}: readings for the model's raw input stage: each value in its feature's raw unit from the
 *       model's metadata ({@link RawUnits}; 1 when none is recorded), rounded to the unit and saturated to
 *       −32768..32767 as a device would read it ({@link RawReadings}; each noted once on stderr);</li>
 *   <li>{@code int8}: int8 input tensors, either given ({@code --int8-in}) or made from raw features
 *       as a device driver would ({@link FeatureQuantizer}: the standardisation stored in the model's
 *       metadata, then the model's input scale and zero point) when the model has no input stage.</li>
 * </ul>
 * Feature columns are found by the names in the model's metadata (any order; every other column is
 * left out, and those besides the label are named once on stderr); a model without metadata takes
 * every column except the label column and the {@code --ignore} ones, in order, and there must be
 * exactly its input count of them. Shared by {@code predict} and {@code export --format golden}.
 *
 * @param table where each value came from, for messages
 * @param raw input-stage rows, or {@code null}
 * @param int8 int8 input rows, or {@code null}
 * @param labels each row's label cell as written, or {@code null} when the file has no label column
 */
record ModelInputs(FeatureTable table, List<int[]> raw, List<byte[]> int8, List<String> labels) {

    /**
     * The columns of a CSV that are not model inputs.
     *
     * @param label the label column ({@code --label}), or {@code null}: then the model's, if it names one and
     *              the file has it
     * @param ignore further columns to leave out ({@code --ignore}); each must be in the file and not a feature
     *               the model's metadata names
     */
    record Skipped(String label, List<String> ignore) {
        static final Skipped NONE = new Skipped(null, List.of());

        Skipped {
            ignore = List.copyOf(ignore);
        }
    }

    /**
     * Reads {@code data} for {@code dhm}.
     *
     * @param meta the model's metadata, or {@code null} if it has none
     * @param int8In whether the CSV holds already-quantised int8 inputs
     * @param err where the note on ignored columns goes
     * @throws DownhillException naming the file (and line and column) of the first problem
     */
    static ModelInputs read(DhmFile dhm, ModelMetadata meta, String data, boolean int8In, Skipped skipped,
                            PrintWriter err) {
        Model m = dhm.model();
        CsvTable csv = CsvTable.read(DataSource.of(data));
        String label = labelColumn(csv, meta, skipped);
        for (String name : skipped.ignore()) {
            if (csv.columnIndex(name) < 0) {
                throw csv.noSuchColumn("--ignore " + name + ": no column '" + name + "'");
            }
            if (meta != null && meta.features().contains(name)) {
                throw DataException.atLine(csv.source(), 1, "--ignore " + name + ": '" + name
                        + "' is a feature of the model; it cannot be left out");
            }
        }
        FeatureTable table = meta != null ? FeatureTable.read(csv, meta.features(), label)
                : FeatureTable.read(csv, positionalColumns(csv, m.inputSize(), label, skipped.ignore()), label);
        ColumnNotes.ignored(err, csv.source(), table.ignoredColumns(), skipped.ignore());
        List<String> labels = null;
        if (label != null) {
            int column = csv.columnIndex(label);
            labels = new ArrayList<>(csv.rowCount());
            for (int r = 0; r < csv.rowCount(); r++) {
                labels.add(csv.cell(r, column));
            }
        }
        if (table.features().size() != m.inputSize()) {
            throw new DownhillException(dhm.path() + ": its metadata names " + table.features().size()
                    + " features but the model takes " + m.inputSize() + " inputs");
        }
        if (int8In) {
            return new ModelInputs(table, null, int8Rows(table), labels);
        }
        if (m.hasInputStage()) {
            RawUnits units = meta != null && meta.rawUnits() != null ? meta.rawUnits() : RawUnits.ones(m.inputSize());
            RawReadings readings = RawReadings.of(table, units);
            readings.notes(csv.source()).forEach(err::println);
            return new ModelInputs(table, readings.rows(), null, labels);
        }
        FeatureQuantizer driver = FeatureQuantizer.of(standardizer(dhm, meta), m);
        List<byte[]> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            rows.add(driver.quantize(table.row(r)));
        }
        return new ModelInputs(table, null, rows, labels);
    }

    /** {@code --label} (which must be in the file), else the model's label column when the file has it, else none. */
    private static String labelColumn(CsvTable csv, ModelMetadata meta, Skipped skipped) {
        String label = skipped.label();
        if (label != null) {
            if (csv.columnIndex(label) < 0) {
                throw csv.noSuchColumn("--label " + label + ": no column '" + label + "'");
            }
            if (meta != null && meta.features().contains(label)) {
                throw DataException.atLine(csv.source(), 1, "--label " + label + ": '" + label
                        + "' is a feature of the model, not its label");
            }
            return label;
        }
        if (meta != null && meta.labelColumn() != null && csv.columnIndex(meta.labelColumn()) >= 0) {
            return meta.labelColumn();
        }
        return null;
    }

    int count() {
        return table.rowCount();
    }

    /** Runs the interpreter on row {@code r}. */
    void invoke(Interpreter interpreter, int r) {
        if (raw != null) {
            interpreter.invoke(raw.get(r), 0);
        } else {
            interpreter.setInput(int8.get(r), 0);
            interpreter.invoke();
        }
    }

    static Standardizer standardizer(DhmFile dhm, ModelMetadata meta) {
        if (meta == null) {
            throw new DownhillException(dhm.path() + " takes int8 input and has no Downhill metadata (e.g. imported "
                    + "from .tflite), so raw features cannot be standardised: pass quantised inputs with --int8-in");
        }
        if (meta.standardizer() == null) {
            throw new DownhillException(dhm.path() + " takes int8 input and its metadata has no standardisation "
                    + "statistics (written by an older downhill): quantise it again, or pass quantised inputs with "
                    + "--int8-in");
        }
        return meta.standardizer();
    }

    /**
     * Without metadata the columns cannot be matched by name: every column but the label and the ignored ones is
     * an input, in file order, and there must be exactly as many as the model takes.
     */
    private static List<String> positionalColumns(CsvTable csv, int inputSize, String label, List<String> ignore) {
        List<String> columns = new ArrayList<>(csv.header());
        columns.remove(label);
        columns.removeAll(ignore);
        if (columns.size() != inputSize) {
            throw DataException.atLine(csv.source(), 1, "the model has no metadata naming its features, so its "
                    + inputSize + " inputs are the file's columns in order" + (columns.size() == csv.header().size()
                    ? "" : " (besides --label and --ignore ones)") + "; there are " + columns.size() + ": "
                    + String.join(", ", columns.size() <= 8 ? columns : columns.subList(0, 8)) + (columns.size() <= 8
                    ? "" : ", ...") + (columns.size() > inputSize
                    ? " (name the label column with --label COLUMN and leave others out with --ignore COLUMN)" : ""));
        }
        return columns;
    }

    private static List<byte[]> int8Rows(FeatureTable table) {
        List<byte[]> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            int[] values = integers(table, r, -128, 127, "--int8-in expects integers in -128..127", "");
            byte[] row = new byte[values.length];
            for (int f = 0; f < values.length; f++) {
                row[f] = (byte) values[f];
            }
            rows.add(row);
        }
        return rows;
    }

    /** Row {@code r} as integers in {@code min..max}, or an error at the first cell that is not. */
    private static int[] integers(FeatureTable table, int r, int min, int max, String expected, String hint) {
        double[] values = table.row(r);
        int[] row = new int[values.length];
        for (int f = 0; f < values.length; f++) {
            if (values[f] != Math.rint(values[f]) || values[f] < min || values[f] > max) {
                throw table.errorAt(r, f, expected + ", got '" + table.text(r, f) + "'" + hint);
            }
            row[f] = (int) values[f];
        }
        return row;
    }
}

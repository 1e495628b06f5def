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
import dev.downhill.trainer.quantize.InputStage;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV turned into what tiny-runtime's {@link Interpreter} takes for one model, exactly
 * one of:
 * <ul>
 *   <li>{@code raw}: integer readings for the model's raw input stage (integers in −32768..32767);</li>
 *   <li>{@code int8}: int8 input tensors, either given ({@code --int8-in}) or made from raw features
 *       as a device driver would ({@link FeatureQuantizer}: the standardisation stored in the model's
 *       metadata, then the model's input scale and zero point) when the model has no input stage.</li>
 * </ul>
 * Feature columns are found by the names in the model's metadata (any order; the label column is
 * ignored; other columns are refused); a model without metadata takes exactly its input count of
 * columns, in order. Shared by {@code predict} and {@code export --format golden}.
 *
 * @param table where each value came from, for messages
 * @param raw input-stage rows, or {@code null}
 * @param int8 int8 input rows, or {@code null}
 */
record ModelInputs(FeatureTable table, List<int[]> raw, List<byte[]> int8) {

    /**
     * Reads {@code data} for {@code dhm}.
     *
     * @param meta the model's metadata, or {@code null} if it has none
     * @param int8In whether the CSV holds already-quantised int8 inputs
     * @throws DownhillException naming the file (and line and column) of the first problem
     */
    static ModelInputs read(DhmFile dhm, ModelMetadata meta, String data, boolean int8In) {
        Model m = dhm.model();
        CsvTable csv = CsvTable.read(DataSource.of(data));
        FeatureTable table = meta != null ? FeatureTable.read(csv, meta.features(), meta.labelColumn())
                : FeatureTable.read(csv, positionalColumns(csv, m.inputSize()), null);
        if (table.features().size() != m.inputSize()) {
            throw new DownhillException(dhm.path() + ": its metadata names " + table.features().size()
                    + " features but the model takes " + m.inputSize() + " inputs");
        }
        if (int8In) {
            return new ModelInputs(table, null, int8Rows(table));
        }
        if (m.hasInputStage()) {
            return new ModelInputs(table, rawRows(table), null);
        }
        FeatureQuantizer driver = FeatureQuantizer.of(standardizer(dhm, meta), m);
        List<byte[]> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            rows.add(driver.quantize(table.row(r)));
        }
        return new ModelInputs(table, null, rows);
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

    private static Standardizer standardizer(DhmFile dhm, ModelMetadata meta) {
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

    /** Without metadata the columns cannot be matched by name: the CSV must hold exactly the inputs, in order. */
    private static List<String> positionalColumns(CsvTable csv, int inputSize) {
        if (csv.header().size() != inputSize) {
            throw DataException.atLine(csv.source(), 1, "the model has no metadata naming its features, so the file "
                    + "must hold exactly its " + inputSize + " input columns in order; the header has "
                    + csv.header().size());
        }
        return csv.header();
    }

    private static List<int[]> rawRows(FeatureTable table) {
        List<int[]> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            rows.add(integers(table, r, InputStage.RAW_MIN, InputStage.RAW_MAX,
                    "the model's input stage takes raw integers in -32768..32767", " (pass quantised inputs with --int8-in)"));
        }
        return rows;
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

package dev.downhill.trainer.cli;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataException;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.export.ModelMetadata;
import dev.downhill.trainer.io.AtomicFileWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code downhill predict}: runs tiny-runtime on a CSV and writes predictions and raw int8 outputs. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Run an int8 .dhm model with tiny-runtime on CSV data; write one line per row: the class",
            "(or value) and the raw int8 outputs.",
            "Example: downhill predict --model digits.dhm --data bundled:digits-test --out preds.csv"})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.dhm", description = "The int8 model.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "CSV with the model's feature columns (raw values), or bundled:NAME.")
    String data;

    @Option(names = "--int8-in", description = "The CSV holds already-quantised int8 inputs (-128..127).")
    boolean int8In;

    @Option(names = "--out", required = true, paramLabel = "preds.csv", description = "Predictions file to write.")
    Path out;

    @Override
    public Integer call() {
        DhmFile dhm = DhmFile.read(model);
        Model m = dhm.model();
        ModelMetadata meta = ModelCard.metadata(m, dhm.name());
        CsvTable table = CsvTable.read(DataSource.of(data));
        List<String> features = featureColumns(meta, table, m.inputSize(), data);
        Interpreter interpreter = new Interpreter(m);
        boolean classify = meta != null ? meta.isClassification() : !m.isFullyConnected(m.layerCount() - 1);
        StringBuilder csv = new StringBuilder();
        csv.append(classify ? "class_id,label" : "value");
        for (int i = 0; i < m.outputSize(); i++) {
            csv.append(",int8_out").append(i);
        }
        csv.append('\n');
        int count;
        if (int8In) {
            List<byte[]> rows = FeatureRows.readInt8(table, features);
            for (byte[] row : rows) {
                interpreter.setInput(row, 0);
                interpreter.invoke();
                line(csv, interpreter, meta, classify);
            }
            count = rows.size();
        } else {
            if (!m.hasInputStage()) {
                throw new DownhillException(model + " has no raw input stage (it takes int8 input): quantise the inputs "
                        + "and pass --int8-in");
            }
            List<double[]> rows = FeatureRows.read(table, features);
            for (int r = 0; r < rows.size(); r++) {
                interpreter.invoke(rawIntegers(rows.get(r), r, table, features), 0);
                line(csv, interpreter, meta, classify);
            }
            count = rows.size();
        }
        AtomicFileWriter.write(out, csv.toString());
        spec.commandLine().getOut().println("wrote " + count + " predictions to " + out);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static void line(StringBuilder csv, Interpreter in, ModelMetadata meta, boolean classify) {
        if (classify) {
            int id = in.argMax();
            csv.append(id).append(',').append(meta != null && id < meta.labels().size() ? quote(meta.labels().get(id)) : "");
        } else {
            int last = in.model().layerCount() - 1;
            double value = Float.intBitsToFloat(in.model().layerOutputScaleBits(last))
                    * (in.output(0) - in.model().outputZeroPoint());
            if (meta != null) {
                value = meta.targetMean() + meta.targetDeviation() * value;
            }
            csv.append(String.format(Locale.ROOT, "%.6g", value));
        }
        for (int i = 0; i < in.outputSize(); i++) {
            csv.append(',').append(in.output(i));
        }
        csv.append('\n');
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * The model's feature columns: the names in its metadata, or — for a model without metadata —
     * the CSV's first {@code inputSize} columns.
     */
    static List<String> featureColumns(ModelMetadata meta, CsvTable table, int inputSize, String data) {
        if (meta != null) {
            return meta.features();
        }
        if (table.header().size() < inputSize) {
            throw DataException.atLine(table.source(), 1, "the model takes " + inputSize + " inputs, the header has "
                    + table.header().size() + " columns");
        }
        return new ArrayList<>(table.header().subList(0, inputSize));
    }

    /** Raw values for the input stage: integers in the int16 range. */
    private static int[] rawIntegers(double[] row, int r, CsvTable table, List<String> features) {
        for (int f = 0; f < row.length; f++) {
            if (row[f] != Math.rint(row[f]) || row[f] < -32768 || row[f] > 32767) {
                throw DataException.atCell(table.source(), table.line(r), table.columnIndex(features.get(f)) + 1,
                        "the model's input stage takes raw integers in -32768..32767, got " + row[f]
                                + " (pass already-quantised values with --int8-in)");
            }
        }
        return rawIntegers(row, r, table.source());
    }

    /** Raw integer values of one row (already checked, or checked here with a row-level message). */
    static int[] rawIntegers(double[] row, int r, String source) {
        int[] raw = new int[row.length];
        for (int f = 0; f < row.length; f++) {
            if (row[f] != Math.rint(row[f]) || row[f] < -32768 || row[f] > 32767) {
                throw new IllegalArgumentException("row " + (r + 1) + " feature " + (f + 1)
                        + " is not an integer in -32768..32767 (" + row[f] + ")");
            }
            raw[f] = (int) row[f];
        }
        return raw;
    }
}

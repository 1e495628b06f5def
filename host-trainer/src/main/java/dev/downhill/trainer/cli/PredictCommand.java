package dev.downhill.trainer.cli;

import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.export.ModelMetadata;
import dev.downhill.trainer.io.AtomicFileWriter;
import dev.downhill.trainer.quantize.TensorQuantization;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code downhill predict}: runs tiny-runtime on a CSV and writes predictions and raw int8 outputs.
 * Raw features reach the model as they would on a device ({@link ModelInputs}): through its input
 * stage, or standardised and quantised by the host when it has none.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        header = "Run an int8 .dhm model with tiny-runtime on CSV data and write the predictions.",
        description = {"Writes one line per row: the class id and label (or the value), the row's own label when "
                + "--data has the label column (column 'actual'), and the raw int8 outputs.",
            "Example: downhill predict --model digits.dhm --data bundled:digits-test --out preds.csv"})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.dhm", description = "The int8 model.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = {"CSV with the model's feature columns (raw values), or bundled:NAME. With metadata the "
                    + "features are found by name in any order and other columns are ignored (those besides the label "
                    + "named once on stderr); without (e.g. imported from .tflite) every column except --label and "
                    + "--ignore ones is an input, in order.",
                "A model without an input stage gets them standardised and quantised as a device driver would."})
    String data;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The label column of --data: not an input; its value is copied to the 'actual' column of "
                    + "the predictions. Default: the model's label column, when the model names one and --data has it.")
    String label;

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN",
            description = "Columns of --data that are not inputs (an id, notes), comma separated; each must be in "
                    + "--data and not a feature the model names.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--int8-in", description = "The CSV holds already-quantised int8 inputs (-128..127).")
    boolean int8In;

    @Option(names = "--out", required = true, paramLabel = "preds.csv", description = "Predictions file to write.")
    Path out;

    @Override
    public Integer call() {
        OutputPath.notInput(spec, out, "--data", data);
        OutputPath.notInput(spec, out, "--model", model.toString());
        DhmFile dhm = DhmFile.read(model);
        Model m = dhm.model();
        ModelMetadata meta = ModelCard.metadata(m, dhm.name());
        ModelInputs inputs = ModelInputs.read(dhm, meta, data, int8In, new ModelInputs.Skipped(label, ignore),
                spec.commandLine().getErr());
        Interpreter interpreter = new Interpreter(m);
        boolean classify = meta != null ? meta.isClassification() : !m.isFullyConnected(m.layerCount() - 1);
        List<String> labels = meta != null && meta.labels().size() == m.outputSize() ? meta.labels() : List.of();
        int last = m.layerCount() - 1;
        TensorQuantization output = new TensorQuantization(Float.intBitsToFloat(ModelFields.layerOutputScaleBits(m, last)),
                m.outputZeroPoint());
        TargetScaling target = meta != null ? new TargetScaling(meta.targetMean(), meta.targetDeviation())
                : TargetScaling.IDENTITY;

        StringBuilder csv = new StringBuilder(classify ? (labels.isEmpty() ? "class_id" : "class_id,label") : "value");
        if (inputs.labels() != null) {
            csv.append(",actual");
        }
        for (int i = 0; i < m.outputSize(); i++) {
            csv.append(",int8_out").append(i);
        }
        csv.append('\n');
        int[] perClass = new int[m.outputSize()];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < inputs.count(); r++) {
            inputs.invoke(interpreter, r);
            if (classify) {
                int id = interpreter.argMax();
                perClass[id]++;
                csv.append(id);
                if (!labels.isEmpty()) {
                    csv.append(',').append(quote(labels.get(id)));
                }
            } else {
                double value = target.restore(output.dequantize(interpreter.output(0)));
                min = Math.min(min, value);
                max = Math.max(max, value);
                csv.append(String.format(Locale.ROOT, "%.6g", value));
            }
            if (inputs.labels() != null) {
                csv.append(',').append(quote(inputs.labels().get(r)));
            }
            for (int i = 0; i < interpreter.outputSize(); i++) {
                csv.append(',').append(interpreter.output(i));
            }
            csv.append('\n');
        }
        AtomicFileWriter.write(out, csv.toString());
        PrintWriter log = spec.commandLine().getOut();
        log.println("wrote " + inputs.count() + " predictions to " + out);
        if (classify) {
            log.println("predicted: " + classCounts(perClass, labels));
        } else {
            log.printf(Locale.ROOT, "predicted values from %.6g to %.6g%n", min, max);
        }
        log.flush();
        return ExitCodes.OK;
    }

    /** {@code cat 30, dog 29, eel 31}: how often each class was predicted, by label (or id). */
    private static String classCounts(int[] perClass, List<String> labels) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < perClass.length; c++) {
            s.append(c == 0 ? "" : ", ").append(labels.isEmpty() ? "class " + c : labels.get(c)).append(' ')
                    .append(perClass[c]);
        }
        return s.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

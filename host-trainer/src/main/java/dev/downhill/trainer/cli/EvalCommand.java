package dev.downhill.trainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.DatasetReader;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.eval.ClassificationReport;
import dev.downhill.trainer.eval.RegressionReport;
import dev.downhill.trainer.model.FloatModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code downhill eval}: accuracy, per-class precision/recall and confusion matrix (or RMSE) of a float model. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a float model on labelled CSV data.",
            "Example: downhill eval --model model --data bundled:digits-test"})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory from 'downhill train'.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "CSV with the model's feature columns and the label column (by name, any order), or "
                    + "bundled:NAME. Other columns (an id, notes) are ignored and named once on stderr.")
    String data;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Label column. Default: the column the model was trained on.")
    String label;

    @Option(names = "--offset", defaultValue = "0", paramLabel = "X",
            description = "Add X to every feature value first: how a frozen model copes with a drifted sensor. "
                    + "Default: ${DEFAULT-VALUE}.")
    double offset;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FloatModel m = FloatModel.load(model);
        String column = label != null ? label : m.labelColumn();
        Dataset d = DatasetReader.matching(CsvTable.read(DataSource.of(data)), column, m.task(), m.featureNames(),
                m.labels());
        ColumnNotes.ignored(spec.commandLine().getErr(), d.source(), d.ignoredColumns(), List.of());
        if (offset != 0) {
            d = d.shifted(offset);
        }
        ObjectNode report;
        String text;
        if (m.task() == Task.CLASSIFY) {
            ClassificationReport r = ClassificationReport.of(m, d);
            report = r.toJson();
            text = r.toText();
        } else {
            RegressionReport r = RegressionReport.of(m, d);
            report = r.toJson();
            text = r.toText();
        }
        if (json) {
            report.put("model", model.toString());
            report.put("data", data);
            report.put("offset", offset);
            spec.commandLine().getOut().println(
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            spec.commandLine().getOut().print(text);
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

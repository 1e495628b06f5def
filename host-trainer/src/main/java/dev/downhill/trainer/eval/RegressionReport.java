package dev.downhill.trainer.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.model.FloatModel;
import java.util.Locale;

/** Root-mean-square, mean absolute and largest absolute error of a regression model, in target units. */
public record RegressionReport(int examples, double rmse, double mae, double maxAbsError) {
    /** Runs {@code model} on every example of {@code data}. */
    public static RegressionReport of(FloatModel model, Dataset data) {
        double squares = 0;
        double absolute = 0;
        double max = 0;
        double[] raw = new double[data.featureCount()];
        for (int r = 0; r < data.size(); r++) {
            for (int j = 0; j < raw.length; j++) {
                raw[j] = data.feature(r, j);
            }
            double e = model.predictValue(raw) - data.targetOf(r);
            squares += e * e;
            absolute += Math.abs(e);
            max = Math.max(max, Math.abs(e));
        }
        int n = data.size();
        return new RegressionReport(n, Math.sqrt(squares / n), absolute / n, max);
    }

    public String toText() {
        return String.format(Locale.ROOT, "RMSE %.6g, MAE %.6g, max |error| %.6g over %d examples%n",
                rmse, mae, maxAbsError, examples);
    }

    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("task", "regress");
        root.put("examples", examples);
        root.put("rmse", rmse);
        root.put("mae", mae);
        root.put("maxAbsError", maxAbsError);
        return root;
    }
}

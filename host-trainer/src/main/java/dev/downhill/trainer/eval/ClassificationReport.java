package dev.downhill.trainer.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.model.FloatModel;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy, per-class precision and recall, and the confusion matrix of a classifier on a dataset.
 * {@code confusion[actual][predicted]} counts examples. Precision of a class never predicted, and recall of a
 * class absent from the data, are NaN (reported as {@code null} in JSON, "-" in text).
 */
public record ClassificationReport(List<String> labels, int[][] confusion) {
    /** Runs {@code model} on every example of {@code data}. */
    public static ClassificationReport of(FloatModel model, Dataset data) {
        int k = model.labels().classCount();
        int[][] confusion = new int[k][k];
        double[] raw = new double[data.featureCount()];
        for (int r = 0; r < data.size(); r++) {
            for (int j = 0; j < raw.length; j++) {
                raw[j] = data.feature(r, j);
            }
            confusion[data.classOf(r)][model.predictClass(raw)]++;
        }
        return new ClassificationReport(model.labels().names(), confusion);
    }

    public int total() {
        int n = 0;
        for (int[] row : confusion) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    public int correct() {
        int n = 0;
        for (int c = 0; c < confusion.length; c++) {
            n += confusion[c][c];
        }
        return n;
    }

    public double accuracy() {
        return (double) correct() / total();
    }

    /** Of the examples predicted as {@code c}, the fraction that are {@code c}. */
    public double precision(int c) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted;
    }

    /** Of the examples of class {@code c}, the fraction predicted as {@code c}. */
    public double recall(int c) {
        int actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
    }

    /** Human-readable report: accuracy line, per-class table, confusion matrix. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "accuracy %.2f%% (%d of %d)%n", 100 * accuracy(), correct(), total()));
        int w = 5;
        for (String l : labels) {
            w = Math.max(w, l.length());
        }
        sb.append(String.format(Locale.ROOT, "%n%-" + w + "s  precision  recall  support%n", "class"));
        for (int c = 0; c < labels.size(); c++) {
            int support = 0;
            for (int v : confusion[c]) {
                support += v;
            }
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %9s  %6s  %7d%n", labels.get(c),
                    percent(precision(c)), percent(recall(c)), support));
        }
        sb.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted)%n"));
        int cw = Math.max(w, String.valueOf(total()).length());
        sb.append(String.format(Locale.ROOT, "%" + w + "s", ""));
        for (String l : labels) {
            sb.append(String.format(Locale.ROOT, " %" + cw + "s", l));
        }
        sb.append(System.lineSeparator());
        for (int a = 0; a < labels.size(); a++) {
            sb.append(String.format(Locale.ROOT, "%" + w + "s", labels.get(a)));
            for (int p = 0; p < labels.size(); p++) {
                sb.append(String.format(Locale.ROOT, " %" + cw + "d", confusion[a][p]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** Machine-readable report. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("task", "classify");
        root.put("examples", total());
        root.put("correct", correct());
        root.put("accuracy", accuracy());
        var classes = root.putArray("classes");
        for (int c = 0; c < labels.size(); c++) {
            ObjectNode o = classes.addObject();
            o.put("label", labels.get(c));
            putNumber(o, "precision", precision(c));
            putNumber(o, "recall", recall(c));
        }
        var matrix = root.putArray("confusion");
        for (int[] row : confusion) {
            var r = matrix.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        return root;
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}

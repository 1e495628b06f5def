package dev.downhill.trainer.data;

import java.util.List;

/**
 * Raw examples as read from a CSV: feature values exactly as written (as {@code double}), and either class ids
 * (with the {@link LabelEncoder} that names them) or numeric targets. Immutable; {@link #subset} copies.
 * Standardisation happens later, in {@link Examples}, with statistics from the training part only.
 */
public final class Dataset {
    private final String source;
    private final Task task;
    private final List<String> featureNames;
    private final String labelName;
    private final double[] features;
    private final int[] classes;
    private final double[] targets;
    private final LabelEncoder labels;
    private final List<String> ignoredColumns;

    Dataset(String source, Task task, List<String> featureNames, String labelName, double[] features,
            int[] classes, double[] targets, LabelEncoder labels, List<String> ignoredColumns) {
        this.source = source;
        this.task = task;
        this.featureNames = List.copyOf(featureNames);
        this.labelName = labelName;
        this.features = features;
        this.classes = classes;
        this.targets = targets;
        this.labels = labels;
        this.ignoredColumns = List.copyOf(ignoredColumns);
    }

    public String source() {
        return source;
    }

    public Task task() {
        return task;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String labelName() {
        return labelName;
    }

    /**
     * The file's columns that are neither features nor the label, in file order: for training data the columns
     * the user asked to leave out; for data read for a trained model, every column it has no use for.
     */
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    public int featureCount() {
        return featureNames.size();
    }

    public int size() {
        return task == Task.CLASSIFY ? classes.length : targets.length;
    }

    /** Feature {@code column} of example {@code row}, as written in the file. */
    public double feature(int row, int column) {
        return features[row * featureNames.size() + column];
    }

    /** Class id of example {@code row} (classification only). */
    public int classOf(int row) {
        return classes[row];
    }

    /** Target of example {@code row} (regression only). */
    public double targetOf(int row) {
        return targets[row];
    }

    /** Class names (classification only; {@code null} for regression). */
    public LabelEncoder labels() {
        return labels;
    }

    /** A copy with {@code offset} added to every feature value: a drifted sensor, for robustness checks. */
    public Dataset shifted(double offset) {
        double[] f = features.clone();
        for (int i = 0; i < f.length; i++) {
            f[i] += offset;
        }
        return new Dataset(source, task, featureNames, labelName, f, classes, targets, labels, ignoredColumns);
    }

    /** The examples at {@code rows}, in that order. */
    public Dataset subset(int[] rows) {
        int d = featureNames.size();
        double[] f = new double[rows.length * d];
        int[] c = classes == null ? null : new int[rows.length];
        double[] t = targets == null ? null : new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * d, f, i * d, d);
            if (c != null) {
                c[i] = classes[rows[i]];
            }
            if (t != null) {
                t[i] = targets[rows[i]];
            }
        }
        return new Dataset(source, task, featureNames, labelName, f, c, t, labels, ignoredColumns);
    }
}

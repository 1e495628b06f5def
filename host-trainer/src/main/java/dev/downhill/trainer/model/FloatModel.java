package dev.downhill.trainer.model;

import dev.downhill.trainer.data.LabelEncoder;
import dev.downhill.trainer.data.Standardizer;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.nn.LayerOutputs;
import dev.downhill.trainer.nn.Mlp;
import dev.downhill.trainer.train.ValidationMetrics;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained float model with everything needed to use it on raw data: the task, the feature columns (in input
 * order), the label column and class names, the input standardisation, the regression target scaling, and
 * the network. Saved as {@code model.json} in a model directory; the format is specified in docs/trainer.md
 * and implemented by {@link FloatModelFile}.
 *
 * <p>Pipeline: {@code raw features -> standardize -> network -> logits (classify: argmax, softmax) or a
 * standardised value (regress: target.restore)}. {@link #trace} exposes each layer's pre- and post-activation
 * values for calibration.
 */
public final class FloatModel {
    /** The file inside a model directory. */
    public static final String FILE_NAME = "model.json";

    private final Task task;
    private final List<String> featureNames;
    private final String labelColumn;
    private final LabelEncoder labels;
    private final Standardizer standardizer;
    private final TargetScaling target;
    private final Mlp network;
    private final Map<String, Object> provenance;

    /**
     * @param labels     class names (classification) or null (regression)
     * @param target     regression target scaling; {@link TargetScaling#IDENTITY} for classification
     * @param provenance how the model was made (optimizer, seed, epochs...): strings and numbers, stored as is
     */
    public FloatModel(Task task, List<String> featureNames, String labelColumn, LabelEncoder labels,
                      Standardizer standardizer, TargetScaling target, Mlp network, Map<String, Object> provenance) {
        if (featureNames.size() != network.inputSize() || standardizer.featureCount() != network.inputSize()) {
            throw new IllegalArgumentException(featureNames.size() + " features, " + standardizer.featureCount()
                    + " standardisation entries and " + network.inputSize() + " network inputs must agree");
        }
        int expectedOutputs = task == Task.CLASSIFY ? labels.classCount() : 1;
        if (network.outputSize() != expectedOutputs) {
            throw new IllegalArgumentException("network has " + network.outputSize() + " outputs, task needs "
                    + expectedOutputs);
        }
        this.task = task;
        this.featureNames = List.copyOf(featureNames);
        this.labelColumn = labelColumn;
        this.labels = labels;
        this.standardizer = standardizer;
        this.target = target;
        this.network = network;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** Loads {@code model.json} from a model directory (or the file itself). */
    public static FloatModel load(Path dirOrFile) {
        return FloatModelFile.read(dirOrFile);
    }

    /** Writes {@code dir/model.json} atomically, creating {@code dir} if needed. */
    public void save(Path dir) {
        FloatModelFile.write(this, dir);
    }

    public Task task() {
        return task;
    }

    /** Feature columns in network input order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Name of the label column in the training CSV. */
    public String labelColumn() {
        return labelColumn;
    }

    /** Class id -> label (classification); null for regression. */
    public LabelEncoder labels() {
        return labels;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    /** Regression target scaling ({@link TargetScaling#IDENTITY} for classification). */
    public TargetScaling targetScaling() {
        return target;
    }

    /** The network (live: changing it changes the model). */
    public Mlp network() {
        return network;
    }

    /** How the model was trained, as stored in model.json's {@code training} object. */
    public Map<String, Object> provenance() {
        return provenance;
    }

    /** The network input for one raw example (feature values in {@link #featureNames()} order). */
    public float[] standardize(double[] raw) {
        if (raw.length != featureNames.size()) {
            throw new IllegalArgumentException("expected " + featureNames.size() + " features, got " + raw.length);
        }
        float[] x = new float[raw.length];
        standardizer.apply(raw, x, 0);
        return x;
    }

    /** Every layer's pre- and post-activation values for one raw example. */
    public LayerOutputs trace(double[] raw) {
        return network.trace(standardize(raw));
    }

    /** The predicted class id (classification). */
    public int predictClass(double[] raw) {
        return ValidationMetrics.argMax(network.predict(standardize(raw)));
    }

    /** The prediction in target units (regression). */
    public double predictValue(double[] raw) {
        return target.restore(network.predict(standardize(raw))[0]);
    }
}

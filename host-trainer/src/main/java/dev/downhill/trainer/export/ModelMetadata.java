package dev.downhill.trainer.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.downhill.trainer.data.StandardizationMode;
import dev.downhill.trainer.data.Standardizer;
import dev.downhill.trainer.quantize.RawUnits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the host needs to use a {@code .dhm} on data, stored as UTF-8 JSON in the model's opaque
 * metadata section (the runtime never reads it): the task, feature and label names, the input
 * standardisation, the unit of each raw input reading, regression target scaling, and how the model was
 * trained and quantised.
 *
 * <p>The standardisation is what a device driver (and {@code downhill predict}) applies to raw
 * features before quantising them when the model has no raw input stage. Models written before it
 * was stored lack it: {@link #standardizer()} is then {@code null}.
 *
 * <p>The raw units say how a CSV value becomes the reading the model's raw input stage takes
 * ({@link RawUnits#toRaw}); they are stored (as {@code rawUnitDecimals}) only when some feature's unit is not
 * 1, so a model of integer data has the same metadata bytes, and the same {@code .dhm}, as before units existed,
 * and a model written before then reads back with every unit 1.
 *
 * @param task {@code "classify"} or {@code "regress"}
 * @param features feature column names in input order
 * @param labelColumn the label column's name
 * @param labels class names by class id (empty for regression)
 * @param standardizer the float model's input standardisation, or {@code null} if not recorded (a model with a
 *        raw input stage has it folded in, and it is not recorded)
 * @param rawUnits the unit of each feature's raw readings (every unit 1 when {@code null} is given)
 * @param targetMean regression target mean (0 for classification)
 * @param targetDeviation regression target deviation (1 for classification)
 * @param training the trainer's recorded settings
 * @param quantization the quantiser's settings
 */
public record ModelMetadata(String task, List<String> features, String labelColumn, List<String> labels,
        Standardizer standardizer, RawUnits rawUnits, double targetMean, double targetDeviation,
        Map<String, Object> training, Map<String, Object> quantization) {

    /** Value of the {@code format} field. */
    public static final String FORMAT = "downhill-model-metadata";
    public static final int FORMAT_VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** The section is flash on the device: written without indentation (inspect and the model card print it). */
    private static final ObjectMapper COMPACT = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public ModelMetadata {
        features = List.copyOf(features);
        if (rawUnits == null && !features.isEmpty()) {
            rawUnits = RawUnits.ones(features.size());
        }
        if (rawUnits != null && rawUnits.features() != features.size()) {
            throw new IllegalArgumentException("raw units have " + rawUnits.features() + " entries for "
                    + features.size() + " features");
        }
        labels = List.copyOf(labels);
        training = Map.copyOf(training);
        quantization = Map.copyOf(quantization);
        if (standardizer != null && standardizer.featureCount() != features.size()) {
            throw new IllegalArgumentException("standardisation has " + standardizer.featureCount()
                    + " entries for " + features.size() + " features");
        }
    }

    /** Metadata whose raw readings are in the CSV's own units (every unit 1). */
    public ModelMetadata(String task, List<String> features, String labelColumn, List<String> labels,
            Standardizer standardizer, double targetMean, double targetDeviation, Map<String, Object> training,
            Map<String, Object> quantization) {
        this(task, features, labelColumn, labels, standardizer, null, targetMean, targetDeviation, training,
                quantization);
    }

    /** Whether the model classifies. */
    public boolean isClassification() {
        return task.equals("classify");
    }

    /** The UTF-8 JSON bytes for the metadata section. */
    public byte[] toBytes() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT).put("formatVersion", FORMAT_VERSION).put("task", task).put("labelColumn", labelColumn);
        features.forEach(n.putArray("features")::add);
        labels.forEach(n.putArray("labels")::add);
        if (standardizer != null) {
            ObjectNode st = n.putObject("standardization");
            st.put("mode", standardizer.mode().id()).put("floor", standardizer.floor());
            ArrayNode mean = st.putArray("mean");
            ArrayNode deviation = st.putArray("deviation");
            for (double v : standardizer.mean()) {
                mean.add(v);
            }
            for (double v : standardizer.deviation()) {
                deviation.add(v);
            }
        }
        if (rawUnits != null && !rawUnits.allOnes()) {
            ArrayNode decimals = n.putArray("rawUnitDecimals");
            for (int d : rawUnits.decimals()) {
                decimals.add(d);
            }
        }
        n.putObject("target").put("mean", targetMean).put("deviation", targetDeviation);
        n.set("training", JSON.valueToTree(new java.util.TreeMap<>(training)));
        n.set("quantization", JSON.valueToTree(new java.util.TreeMap<>(quantization)));
        try {
            return COMPACT.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata is not serialisable", e);
        }
    }

    /**
     * Parses the metadata section of a model.
     *
     * @param name the model file's name, for messages
     * @throws IllegalArgumentException with a one-line message if it is not Downhill metadata
     */
    public static ModelMetadata parse(byte[] bytes, String name) {
        JsonNode n;
        try {
            n = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": metadata section is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !FORMAT.equals(n.path("format").asText())) {
            throw new IllegalArgumentException(name + ": metadata section is not " + FORMAT + " JSON");
        }
        if (n.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new IllegalArgumentException(name + ": metadata version " + n.path("formatVersion").asText()
                    + " is not supported (this tool reads version " + FORMAT_VERSION + ")");
        }
        List<String> features = strings(n.path("features"));
        return new ModelMetadata(n.path("task").asText(), features, n.path("labelColumn").asText(),
                strings(n.path("labels")), standardizer(n.path("standardization"), features.size(), name),
                rawUnits(n.path("rawUnitDecimals"), features.size(), name), n.path("target").path("mean").asDouble(0),
                n.path("target").path("deviation").asDouble(1), map(n.path("training")), map(n.path("quantization")));
    }

    /** The stored standardisation, {@code null} when absent, or a one-line error when it is unusable. */
    private static Standardizer standardizer(JsonNode st, int features, String name) {
        if (st.isMissingNode() || st.isNull()) {
            return null;
        }
        try {
            return Standardizer.of(StandardizationMode.fromId(st.path("mode").asText()), st.path("floor").asDouble(0),
                    doubles(st.path("mean"), features), doubles(st.path("deviation"), features));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": metadata standardization: " + e.getMessage());
        }
    }

    /** The stored raw units, {@code null} (every unit 1) when absent, or a one-line error when unusable. */
    private static RawUnits rawUnits(JsonNode decimals, int features, String name) {
        if (decimals.isMissingNode() || decimals.isNull()) {
            return null;
        }
        if (!decimals.isArray() || decimals.size() != features) {
            throw new IllegalArgumentException(name + ": metadata rawUnitDecimals: need an array of " + features
                    + " integers (one per feature)");
        }
        int[] d = new int[features];
        for (int f = 0; f < features; f++) {
            if (!decimals.get(f).canConvertToInt() || !decimals.get(f).isIntegralNumber()) {
                throw new IllegalArgumentException(name + ": metadata rawUnitDecimals: entry " + f
                        + " is not an integer");
            }
            d[f] = decimals.get(f).intValue();
        }
        try {
            return RawUnits.of(d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": metadata rawUnitDecimals: " + e.getMessage());
        }
    }

    private static double[] doubles(JsonNode array, int expected) {
        if (!array.isArray() || array.size() != expected) {
            throw new IllegalArgumentException("need an array of " + expected + " numbers (one per feature)");
        }
        double[] out = new double[expected];
        for (int i = 0; i < expected; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException("entry " + i + " is not a number");
            }
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode object) {
        return object.isObject() ? JSON.convertValue(object, Map.class) : Map.of();
    }
}

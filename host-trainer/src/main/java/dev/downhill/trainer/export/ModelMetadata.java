package dev.downhill.trainer.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the host needs to use a {@code .dhm} on data, stored as UTF-8 JSON in the model's opaque
 * metadata section (the runtime never reads it): the task, feature and label names, regression
 * target scaling, and how the model was trained and quantised.
 *
 * @param task {@code "classify"} or {@code "regress"}
 * @param features feature column names in input order
 * @param labelColumn the label column's name
 * @param labels class names by class id (empty for regression)
 * @param targetMean regression target mean (0 for classification)
 * @param targetDeviation regression target deviation (1 for classification)
 * @param training the trainer's recorded settings
 * @param quantization the quantiser's settings
 */
public record ModelMetadata(String task, List<String> features, String labelColumn, List<String> labels,
        double targetMean, double targetDeviation, Map<String, Object> training, Map<String, Object> quantization) {

    /** Value of the {@code format} field. */
    public static final String FORMAT = "downhill-model-metadata";
    public static final int FORMAT_VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public ModelMetadata {
        features = List.copyOf(features);
        labels = List.copyOf(labels);
        training = Map.copyOf(training);
        quantization = Map.copyOf(quantization);
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
        n.putObject("target").put("mean", targetMean).put("deviation", targetDeviation);
        n.set("training", JSON.valueToTree(new java.util.TreeMap<>(training)));
        n.set("quantization", JSON.valueToTree(new java.util.TreeMap<>(quantization)));
        try {
            return JSON.writeValueAsBytes(n);
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
        return new ModelMetadata(n.path("task").asText(), strings(n.path("features")), n.path("labelColumn").asText(),
                strings(n.path("labels")), n.path("target").path("mean").asDouble(0),
                n.path("target").path("deviation").asDouble(1), map(n.path("training")), map(n.path("quantization")));
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

package dev.downhill.trainer.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.export.ModelMetadata;
import dev.downhill.trainer.model.FloatModel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes sure an int8 model and a float model belong together before they are compared: the same shape,
 * and — when the {@code .dhm} carries Downhill metadata, as every model from {@code downhill quantize}
 * does — the same task, features, classes and training record. Comparing a model with another model's
 * float original would give a meaningless accuracy drop, so a mismatch is an input error, not a failed check.
 */
public final class ModelPair {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ModelPair() {
    }

    /**
     * @param dhmName the {@code .dhm}'s name, for messages
     * @param floatName the float model directory's name, for messages
     * @throws DownhillException naming both and the first difference
     */
    public static void verify(Model model, String dhmName, FloatModel floatModel, String floatName) {
        String prefix = dhmName + " was not quantised from " + floatName + ": ";
        int features = floatModel.featureNames().size();
        if (model.inputSize() != features) {
            throw new DownhillException(prefix + "the int8 model takes " + model.inputSize()
                    + " inputs, the float model " + features);
        }
        int outputs = floatModel.task() == Task.CLASSIFY ? floatModel.labels().classCount() : 1;
        if (model.outputSize() != outputs) {
            throw new DownhillException(prefix + "the int8 model has " + model.outputSize()
                    + " outputs, the float model " + outputs);
        }
        ModelMetadata meta;
        try {
            meta = ModelCard.metadata(model, dhmName);
        } catch (IllegalArgumentException e) {
            throw new DownhillException(e.getMessage(), e);
        }
        if (meta == null) {
            return; // e.g. imported from .tflite: only the shapes can be compared
        }
        if (!meta.task().equals(floatModel.task().id())) {
            throw new DownhillException(prefix + "task " + meta.task() + " vs " + floatModel.task().id());
        }
        if (!meta.features().equals(floatModel.featureNames())) {
            throw new DownhillException(prefix + "feature columns differ (" + firstDifference(meta.features(),
                    floatModel.featureNames()) + ")");
        }
        if (floatModel.task() == Task.CLASSIFY && !meta.labels().equals(floatModel.labels().names())) {
            throw new DownhillException(prefix + "classes differ (" + firstDifference(meta.labels(),
                    floatModel.labels().names()) + ")");
        }
        String quantised = json(meta.training());
        String given = json(floatModel.provenance());
        if (!quantised.equals(given)) {
            throw new DownhillException(prefix + "the training record differs (" + recordDifference(meta.training(),
                    floatModel.provenance()) + "); quantise this float model again, or pass the one it came from");
        }
    }

    private static String firstDifference(List<String> dhm, List<String> floats) {
        for (int i = 0; i < Math.min(dhm.size(), floats.size()); i++) {
            if (!dhm.get(i).equals(floats.get(i))) {
                return "#" + (i + 1) + " is '" + dhm.get(i) + "' in the .dhm, '" + floats.get(i) + "' in the float model";
            }
        }
        return dhm.size() + " in the .dhm, " + floats.size() + " in the float model";
    }

    private static String recordDifference(Map<String, Object> dhm, Map<String, Object> floats) {
        TreeMap<String, Object> keys = new TreeMap<>(dhm);
        floats.forEach(keys::putIfAbsent);
        for (String k : keys.keySet()) {
            String a = json(dhm.get(k));
            String b = json(floats.get(k));
            if (!a.equals(b)) {
                return k + " " + a + " in the .dhm, " + b + " in the float model";
            }
        }
        return "same fields, different values";
    }

    /** Canonical JSON text: numbers compare by value whatever Java type they were read as. */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value instanceof Map<?, ?> m ? new TreeMap<>(m) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

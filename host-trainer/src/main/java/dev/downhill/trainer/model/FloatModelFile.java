package dev.downhill.trainer.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.downhill.trainer.Version;
import dev.downhill.trainer.data.LabelEncoder;
import dev.downhill.trainer.data.StandardizationMode;
import dev.downhill.trainer.data.Standardizer;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.io.AtomicFileWriter;
import dev.downhill.trainer.nn.Activation;
import dev.downhill.trainer.nn.Mlp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code model.json} (format {@value #FORMAT}, version {@value #FORMAT_VERSION}; specified in
 * docs/trainer.md). Weights are written as {@code weights[output][input]} (the layout of TFLite's
 * FULLY_CONNECTED), each float in its shortest round-trip decimal form, so a model reads back bit for bit.
 * Every field is checked on load and a problem is reported with its JSON path.
 */
public final class FloatModelFile {
    /** Value of the {@code format} field. */
    public static final String FORMAT = "downhill-float-model";
    /** Value of {@code formatVersion} written by this code; readers reject other versions. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // Keep the exact decimal text: parsing it straight to float avoids a double rounding via double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FloatModelFile() {
    }

    /** The model as JSON text (deterministic: same model, same bytes). */
    public static String toJson(FloatModel model) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("generator", "downhill " + Version.current());
        root.put("task", model.task().id());
        ArrayNode features = root.putArray("features");
        model.featureNames().forEach(features::add);
        ObjectNode label = root.putObject("label");
        label.put("column", model.labelColumn());
        if (model.task() == Task.CLASSIFY) {
            ArrayNode classes = label.putArray("classes");
            model.labels().names().forEach(classes::add);
        }
        Standardizer s = model.standardizer();
        ObjectNode st = root.putObject("standardization");
        st.put("mode", s.mode().id());
        st.put("floor", s.floor());
        doubles(st.putArray("mean"), s.mean());
        doubles(st.putArray("deviation"), s.deviation());
        if (model.task() == Task.REGRESS) {
            ObjectNode t = root.putObject("target");
            t.put("mean", model.targetScaling().mean());
            t.put("deviation", model.targetScaling().deviation());
        }
        Mlp net = model.network();
        ArrayNode layers = root.putArray("layers");
        for (int l = 0; l < net.layerCount(); l++) {
            ObjectNode layer = layers.addObject();
            layer.put("type", "dense");
            layer.put("inputs", net.layerInputs(l));
            layer.put("outputs", net.layerOutputs(l));
            layer.put("activation", net.activation(l).id());
            ArrayNode weights = layer.putArray("weights");
            for (int o = 0; o < net.layerOutputs(l); o++) {
                ArrayNode row = weights.addArray();
                for (int i = 0; i < net.layerInputs(l); i++) {
                    row.add(net.weight(l, o, i));
                }
            }
            ArrayNode bias = layer.putArray("bias");
            for (int o = 0; o < net.layerOutputs(l); o++) {
                bias.add(net.bias(l, o));
            }
        }
        ObjectNode training = root.putObject("training");
        for (Map.Entry<String, Object> e : model.provenance().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Integer i) {
                training.put(e.getKey(), i);
            } else if (v instanceof Long n) {
                training.put(e.getKey(), n);
            } else if (v instanceof Number n) {
                training.put(e.getKey(), n.doubleValue());
            } else if (v instanceof Boolean b) {
                training.put(e.getKey(), b);
            } else {
                training.put(e.getKey(), String.valueOf(v));
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise model", e);
        }
    }

    /** Writes {@code dir/model.json} atomically. */
    public static void write(FloatModel model, Path dir) {
        AtomicFileWriter.write(dir.resolve(FloatModel.FILE_NAME), toJson(model));
    }

    /** Reads a model directory or a model.json file. */
    public static FloatModel read(Path dirOrFile) {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FloatModel.FILE_NAME) : dirOrFile;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file" + (Files.isDirectory(dirOrFile) ? ""
                    : " (expected a model directory written by 'downhill train')"));
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e.getMessage());
        }
        // The commonest mix-up is handing an int8 .dhm to a command that wants the float model; say so.
        if (bytes.length >= 4 && bytes[0] == 'D' && bytes[1] == 'H' && bytes[2] == 'M' && bytes[3] == 'F') {
            throw new ModelFileException(file + ": is an int8 .dhm model; this needs the float model directory "
                    + "written by 'downhill train' (model.json)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file + ": is not a model.json text file (expected a model directory "
                    + "written by 'downhill train')");
        }
        return parse(file.toString(), text);
    }

    /** Parses model.json text; {@code name} is used in messages. */
    public static FloatModel parse(String name, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ModelFileException(where + ": not valid JSON: " + e.getOriginalMessage());
        }
        return new Reader(name).model(root);
    }

    private static void doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }

    /** Field-by-field reading with messages naming the JSON path. */
    private static final class Reader {
        private final String name;

        Reader(String name) {
            this.name = name;
        }

        FloatModel model(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw fail("", "expected a JSON object");
            }
            String format = text(root, "format");
            if (!FORMAT.equals(format)) {
                throw fail("format", "is '" + format + "', expected '" + FORMAT + "'");
            }
            int version = integer(root, "formatVersion");
            if (version != FORMAT_VERSION) {
                throw fail("formatVersion", "is " + version + "; this downhill reads version " + FORMAT_VERSION
                        + " (retrain the model or use a matching downhill)");
            }
            Task task;
            try {
                task = Task.fromId(text(root, "task"));
            } catch (IllegalArgumentException e) {
                throw fail("task", e.getMessage());
            }
            List<String> features = strings(root, "features");
            JsonNode label = object(root, "label");
            String labelColumn = text(label, "column", "label.column");
            LabelEncoder labels = null;
            if (task == Task.CLASSIFY) {
                List<String> classes = strings(label, "classes", "label.classes");
                try {
                    labels = LabelEncoder.of(classes);
                } catch (IllegalArgumentException e) {
                    throw fail("label.classes", e.getMessage());
                }
            }
            JsonNode st = object(root, "standardization");
            Standardizer standardizer;
            try {
                standardizer = Standardizer.of(StandardizationMode.fromId(text(st, "mode", "standardization.mode")),
                        number(st, "floor", "standardization.floor"),
                        doubles(st, "mean", "standardization.mean", features.size()),
                        doubles(st, "deviation", "standardization.deviation", features.size()));
            } catch (IllegalArgumentException e) {
                throw fail("standardization", e.getMessage());
            }
            TargetScaling target = TargetScaling.IDENTITY;
            if (task == Task.REGRESS) {
                JsonNode t = object(root, "target");
                try {
                    target = new TargetScaling(number(t, "mean", "target.mean"),
                            number(t, "deviation", "target.deviation"));
                } catch (IllegalArgumentException e) {
                    throw fail("target", e.getMessage());
                }
            }
            Mlp network = network(root, features.size(), task == Task.CLASSIFY ? labels.classCount() : 1);
            Map<String, Object> provenance = new LinkedHashMap<>();
            JsonNode training = root.get("training");
            if (training != null && training.isObject()) {
                for (Map.Entry<String, JsonNode> e : training.properties()) {
                    JsonNode v = e.getValue();
                    provenance.put(e.getKey(), v.isIntegralNumber() ? (Object) v.longValue()
                            : v.isNumber() ? (Object) v.doubleValue() : v.isBoolean() ? (Object) v.booleanValue()
                            : v.asText());
                }
            }
            try {
                return new FloatModel(task, features, labelColumn, labels, standardizer, target, network, provenance);
            } catch (IllegalArgumentException e) {
                throw fail("", e.getMessage());
            }
        }

        private Mlp network(JsonNode root, int inputs, int outputs) {
            JsonNode layers = root.get("layers");
            if (layers == null || !layers.isArray() || layers.isEmpty()) {
                throw fail("layers", "missing or empty (expected an array of dense layers)");
            }
            int count = layers.size();
            int[] sizes = new int[count + 1];
            Activation[] acts = new Activation[count];
            sizes[0] = inputs;
            for (int l = 0; l < count; l++) {
                JsonNode layer = layers.get(l);
                String at = "layers[" + l + "]";
                String type = text(layer, "type", at + ".type");
                if (!"dense".equals(type)) {
                    throw fail(at + ".type", "is '" + type + "'; only 'dense' layers are supported");
                }
                int in = integer(layer, "inputs", at + ".inputs");
                if (in != sizes[l]) {
                    throw fail(at + ".inputs", "is " + in + " but the previous layer has " + sizes[l]
                            + (l == 0 ? " (the number of features)" : " outputs"));
                }
                sizes[l + 1] = integer(layer, "outputs", at + ".outputs");
                if (sizes[l + 1] <= 0) {
                    throw fail(at + ".outputs", "must be positive");
                }
                try {
                    acts[l] = Activation.fromId(text(layer, "activation", at + ".activation"));
                } catch (IllegalArgumentException e) {
                    throw fail(at + ".activation", e.getMessage());
                }
            }
            if (sizes[count] != outputs) {
                throw fail("layers[" + (count - 1) + "].outputs", "is " + sizes[count] + " but the task needs "
                        + outputs + " outputs");
            }
            Mlp net = new Mlp(sizes, acts);
            for (int l = 0; l < count; l++) {
                JsonNode layer = layers.get(l);
                String at = "layers[" + l + "]";
                JsonNode weights = layer.get("weights");
                if (weights == null || !weights.isArray() || weights.size() != sizes[l + 1]) {
                    throw fail(at + ".weights", "expected " + sizes[l + 1] + " rows (one per output)");
                }
                for (int o = 0; o < sizes[l + 1]; o++) {
                    float[] row = floats(weights.get(o), at + ".weights[" + o + "]", sizes[l]);
                    for (int i = 0; i < sizes[l]; i++) {
                        net.setWeight(l, o, i, row[i]);
                    }
                }
                float[] bias = floats(layer.get("bias"), at + ".bias", sizes[l + 1]);
                for (int o = 0; o < bias.length; o++) {
                    net.setBias(l, o, bias[o]);
                }
            }
            return net;
        }

        private JsonNode object(JsonNode parent, String field) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isObject()) {
                throw fail(field, "missing or not an object");
            }
            return n;
        }

        private String text(JsonNode parent, String field) {
            return text(parent, field, field);
        }

        private String text(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isTextual()) {
                throw fail(path, "missing or not a string");
            }
            return n.asText();
        }

        private int integer(JsonNode parent, String field) {
            return integer(parent, field, field);
        }

        private int integer(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
                throw fail(path, "missing or not an integer");
            }
            return n.intValue();
        }

        private double number(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isNumber()) {
                throw fail(path, "missing or not a number");
            }
            return n.doubleValue();
        }

        private List<String> strings(JsonNode parent, String field) {
            return strings(parent, field, field);
        }

        private List<String> strings(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isArray() || n.isEmpty()) {
                throw fail(path, "missing or not a non-empty array of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) {
                    throw fail(path + "[" + i + "]", "not a string");
                }
                out.add(n.get(i).asText());
            }
            return out;
        }

        private double[] doubles(JsonNode parent, String field, String path, int expected) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isArray() || n.size() != expected) {
                throw fail(path, "expected an array of " + expected + " numbers (one per feature)");
            }
            double[] out = new double[expected];
            for (int i = 0; i < expected; i++) {
                if (!n.get(i).isNumber()) {
                    throw fail(path + "[" + i + "]", "not a number");
                }
                out[i] = n.get(i).doubleValue();
            }
            return out;
        }

        private float[] floats(JsonNode n, String path, int expected) {
            if (n == null || !n.isArray() || n.size() != expected) {
                throw fail(path, "expected an array of " + expected + " numbers");
            }
            float[] out = new float[expected];
            for (int i = 0; i < expected; i++) {
                JsonNode v = n.get(i);
                if (!v.isNumber()) {
                    throw fail(path + "[" + i + "]", "not a number");
                }
                out[i] = Float.parseFloat(v.asText());
                if (!Float.isFinite(out[i])) {
                    throw fail(path + "[" + i + "]", "not a finite float");
                }
            }
            return out;
        }

        private ModelFileException fail(String path, String problem) {
            return new ModelFileException(name + ": " + (path.isEmpty() ? "" : path + " ") + problem);
        }
    }
}

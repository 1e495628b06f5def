package dev.downhill.trainer.export;

import dev.downhill.runtime.format.ModelFields;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.MemoryReport;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.TrainableSet;
import dev.downhill.runtime.kernels.Activation;
import dev.downhill.runtime.kernels.FullyConnected;
import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.quantize.Int8VsFloat;
import dev.downhill.trainer.quantize.RawUnits;
import dev.downhill.trainer.quantize.Rounding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The JSON model card written beside every {@code .dhm} ({@code M.dhm.json}), and its human-readable
 * form for {@code downhill inspect}. Everything but the accuracy block is read back from the
 * {@code .dhm} itself (layers, scales, multipliers, sizes, metadata), so the card cannot drift from
 * the model it describes; fields are listed in docs/export-formats.md.
 */
public final class ModelCard {

    /** Value of the {@code format} field. */
    public static final String FORMAT = "downhill-model-card";
    public static final int FORMAT_VERSION = 1;
    /** The card's file name beside a model: {@code M.dhm} → {@code M.dhm.json}. */
    public static final String SUFFIX = ".json";

    private ModelCard() {
    }

    /**
     * Describes {@code dhm}.
     *
     * @param fileName the model's file name (no directory)
     * @param accuracy the int8-vs-float comparison, or null if not measured
     * @param accuracyData which data the comparison ran on (e.g. the test file's name)
     */
    public static ObjectNode describe(byte[] dhm, String fileName, Int8VsFloat.Result accuracy, String accuracyData) {
        Model model = Model.load(dhm);
        ObjectNode card = ModelMetadata.JSON.createObjectNode();
        card.put("format", FORMAT).put("formatVersion", FORMAT_VERSION).put("generator", Provenance.generatorName());
        card.putObject("model").put("file", fileName).put("sha256", Provenance.sha256(dhm))
                .put("flashBytes", model.flashBytes());
        ModelMetadata meta = metadata(model, fileName);
        if (meta != null) {
            card.put("task", meta.task());
            meta.features().forEach(card.putArray("features")::add);
            meta.labels().forEach(card.putArray("labels")::add);
        } else {
            card.putNull("task");
        }
        ObjectNode input = card.putObject("input");
        input.put("size", model.inputSize()).put("scale", Float.intBitsToFloat(ModelFields.inputScaleBits(model)))
                .put("zeroPoint", model.inputZeroPoint()).put("rawInputStage", model.hasInputStage());
        if (model.hasInputStage()) {
            // What a device feeds: per feature, the unit its int16 reading counts (raw = round(value / unit)).
            rawUnits(model, meta).units().forEach(input.putArray("rawUnits")::add);
        }
        ArrayNode layers = card.putArray("layers");
        long macs = 0;
        for (int l = 0; l < model.layerCount(); l++) {
            ObjectNode n = layers.addObject();
            n.put("index", l).put("inputs", model.layerInputSize(l)).put("outputs", model.layerOutputSize(l));
            n.put("outputScale", Float.intBitsToFloat(ModelFields.layerOutputScaleBits(model, l)));
            if (model.isFullyConnected(l)) {
                FullyConnected p = model.fullyConnected(l);
                n.put("kind", "FULLY_CONNECTED").put("activation", activationName(ModelFields.activation(model, l)));
                n.put("outputZeroPoint", p.outputOffset()).put("inputZeroPoint", -p.inputOffset());
                n.put("quantization", p.isPerChannel() ? "per-channel" : "per-tensor");
                ArrayNode scales = n.putArray("weightScales");
                ArrayNode multipliers = n.putArray("multipliers");
                ArrayNode shifts = n.putArray("shifts");
                for (int i = 0; i < ModelFields.weightScaleCount(model, l); i++) {
                    scales.add(Float.intBitsToFloat(ModelFields.weightScaleBits(model, l, i)));
                    multipliers.add(p.multiplier(i));
                    shifts.add(p.shift(i));
                }
                n.putArray("activationRange").add(p.activationMin()).add(p.activationMax());
                long layerMacs = (long) model.layerInputSize(l) * model.layerOutputSize(l);
                n.put("macs", layerMacs).put("weightBytes", layerMacs).put("biasBytes", 4L * model.layerOutputSize(l));
                macs += layerMacs;
            } else {
                n.put("kind", "SOFTMAX").put("outputZeroPoint", -128)
                        .put("beta", Float.intBitsToFloat(ModelFields.softmaxBetaBits(model, l)))
                        .put("inputMultiplier", model.softmax(l).inputMultiplier())
                        .put("inputLeftShift", model.softmax(l).inputLeftShift());
            }
        }
        card.put("macs", macs);
        card.put("rounding", Rounding.ofHeaderFlag(ModelFields.rounding(model)).cliName());
        MemoryReport memory = MemoryReport.required(model, 0);
        ObjectNode ram = card.putObject("ramBytes");
        ram.put("inference", memory.ramBytes()).put("activations", memory.activationBytes())
                .put("foldedBias", memory.foldedBiasBytes()).put("parameters", memory.parameterBytes());
        adaptation(model, ram);
        ObjectNode acc = card.putObject("accuracy");
        if (accuracy != null) {
            acc.put("data", accuracyData).put("samples", accuracy.samples()).put("metric", accuracy.metric())
                    .put("float", accuracy.floatValue()).put("int8", accuracy.int8Value())
                    .put("agreement", accuracy.agreement())
                    .put("maxOutputDifferenceInt8Steps", accuracy.maxOutputStepDifference());
        } else {
            acc.putNull("data");
        }
        card.set("training", meta == null ? ModelMetadata.JSON.nullNode() : ModelMetadata.JSON.valueToTree(meta.training()));
        card.set("quantization",
                meta == null ? ModelMetadata.JSON.nullNode() : ModelMetadata.JSON.valueToTree(meta.quantization()));
        return card;
    }

    /**
     * RAM for on-device adaptation with the adapter's default configuration: cross-entropy for a
     * softmax model, MSE otherwise; input recalibration plus biases when the model has an input stage,
     * biases only when it has none. Null (with the reason) if the model cannot be adapted.
     */
    private static void adaptation(Model model, ObjectNode ram) {
        boolean softmaxLast = !model.isFullyConnected(model.layerCount() - 1);
        int trainable = model.hasInputStage() ? TrainableSet.DEFAULT : TrainableSet.BIASES;
        AdapterConfig config = new AdapterConfig()
                .loss(softmaxLast ? AdapterConfig.LOSS_CROSS_ENTROPY : AdapterConfig.LOSS_MSE).trainable(trainable);
        try {
            ram.put("adaptation", Adapter.requiredBytes(model, config));
            ram.put("adaptationTrainable", model.hasInputStage() ? "INPUT_AFFINE|BIASES" : "BIASES");
        } catch (IllegalArgumentException e) {
            ram.putNull("adaptation");
            ram.put("adaptationUnavailable", e.getMessage());
        }
    }

    /** The card as pretty-printed JSON bytes with a final newline. */
    public static byte[] toJson(ObjectNode card) {
        try {
            return (ModelMetadata.JSON.writeValueAsString(card) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The model's Downhill metadata, or null if it has none (e.g. an imported .tflite).
     *
     * @throws DownhillException naming the file if the metadata section is not usable Downhill metadata
     */
    public static ModelMetadata metadata(Model model, String fileName) {
        if (ModelFields.metadataLength(model) == 0) {
            return null;
        }
        int at = ModelFields.metadataOffset(model);
        try {
            return ModelMetadata.parse(Arrays.copyOfRange(model.blob(), at, at + ModelFields.metadataLength(model)), fileName);
        } catch (IllegalArgumentException e) {
            throw new DownhillException(e.getMessage(), e);
        }
    }

    /**
     * The units of the model's raw input readings: those its metadata records, every unit 1 when it records none
     * (integer data, models written before units existed, models without metadata).
     *
     * @throws DownhillException naming the file if the metadata section is not usable Downhill metadata
     */
    public static RawUnits rawUnits(Model model, String fileName) {
        return rawUnits(model, metadata(model, fileName));
    }

    private static RawUnits rawUnits(Model model, ModelMetadata meta) {
        return meta != null && meta.rawUnits() != null ? meta.rawUnits() : RawUnits.ones(model.inputSize());
    }

    /** The human-readable form printed by {@code downhill inspect}. */
    public static String toText(JsonNode card) {
        StringBuilder s = new StringBuilder();
        JsonNode m = card.path("model");
        s.append(m.path("file").asText()).append("  sha-256 ").append(m.path("sha256").asText()).append('\n');
        s.append("task: ").append(card.path("task").isNull() ? "unknown (no metadata)" : card.path("task").asText());
        if (card.path("labels").size() > 0) {
            s.append(", classes: ").append(join(card.path("labels")));
        }
        s.append('\n');
        JsonNode in = card.path("input");
        s.append(String.format(Locale.ROOT, "input: %d features, scale %s, zero point %d, %s%n", in.path("size").asInt(),
                in.path("scale").asText(), in.path("zeroPoint").asInt(),
                in.path("rawInputStage").asBoolean() ? "raw integer input stage" : "int8 input"));
        if (in.path("rawUnits").isArray() && in.path("rawUnits").size() == in.path("size").asInt()) {
            List<String> units = new ArrayList<>();
            in.path("rawUnits").forEach(u -> units.add(u.asText()));
            List<String> names = new ArrayList<>();
            JsonNode features = card.path("features");
            for (int f = 0; f < units.size(); f++) {
                names.add(features.size() == units.size() ? features.get(f).asText() : "input " + f);
            }
            for (String line : RawUnits.describe(names, units)) {
                s.append("raw input: ").append(line).append('\n');
            }
        }
        s.append("layers:\n");
        for (JsonNode l : card.path("layers")) {
            if (l.path("kind").asText().equals("SOFTMAX")) {
                s.append(String.format(Locale.ROOT, "  %d SOFTMAX          %4d        beta %s, output 1/256 zp -128%n",
                        l.path("index").asInt(), l.path("inputs").asInt(), l.path("beta").asText()));
                continue;
            }
            s.append(String.format(Locale.ROOT,
                    "  %d FULLY_CONNECTED  %4d -> %-4d %-12s %s, out scale %s zp %d, clamp [%d, %d], %d MACs%n",
                    l.path("index").asInt(), l.path("inputs").asInt(), l.path("outputs").asInt(),
                    l.path("activation").asText(), l.path("quantization").asText(), l.path("outputScale").asText(),
                    l.path("outputZeroPoint").asInt(), l.path("activationRange").path(0).asInt(),
                    l.path("activationRange").path(1).asInt(), l.path("macs").asLong()));
        }
        Rounding rounding = Arrays.stream(Rounding.values()).filter(r -> r.cliName().equals(card.path("rounding").asText()))
                .findFirst().orElse(Rounding.DOUBLE);
        s.append("requantisation: ").append(rounding.cliName()).append(" rounding (bit-exact with ")
                .append(rounding.computedBy()).append(")\n");
        JsonNode ram = card.path("ramBytes");
        s.append(String.format(Locale.ROOT, "MACs per inference: %d%nflash: %d bytes%nRAM for inference: %d bytes"
                        + " (activations %d, folded bias %d, parameters %d)%nRAM for adaptation: %s%n",
                card.path("macs").asLong(), m.path("flashBytes").asInt(), ram.path("inference").asInt(),
                ram.path("activations").asInt(), ram.path("foldedBias").asInt(), ram.path("parameters").asInt(),
                ram.path("adaptation").isNull()
                        ? "not available (" + ram.path("adaptationUnavailable").asText() + ")"
                        : ram.path("adaptation").asText() + " bytes (trains " + ram.path("adaptationTrainable").asText() + ")"));
        JsonNode acc = card.path("accuracy");
        if (acc.path("data").isNull() || acc.path("data").isMissingNode()) {
            s.append("accuracy: not measured\n");
        } else if (acc.path("metric").asText().equals("accuracy")) {
            s.append(String.format(Locale.ROOT,
                    "accuracy on %s (%d samples): float %.2f%%, int8 %.2f%%, agreement %.2f%%, max output difference %.2f int8 steps%n",
                    acc.path("data").asText(), acc.path("samples").asInt(), 100 * acc.path("float").asDouble(),
                    100 * acc.path("int8").asDouble(), 100 * acc.path("agreement").asDouble(),
                    acc.path("maxOutputDifferenceInt8Steps").asDouble()));
        } else {
            s.append(String.format(Locale.ROOT,
                    "RMSE on %s (%d samples): float %.5g, int8 %.5g, within one step %.2f%%, max output difference %.2f int8 steps%n",
                    acc.path("data").asText(), acc.path("samples").asInt(), acc.path("float").asDouble(),
                    acc.path("int8").asDouble(), 100 * acc.path("agreement").asDouble(),
                    acc.path("maxOutputDifferenceInt8Steps").asDouble()));
        }
        if (card.path("training").isObject() && card.path("training").size() > 0) {
            s.append("training: ").append(card.path("training")).append('\n');
        }
        if (card.path("quantization").isObject() && card.path("quantization").size() > 0) {
            s.append("quantization: ").append(card.path("quantization")).append('\n');
        }
        return s.toString();
    }

    private static String join(JsonNode array) {
        StringBuilder s = new StringBuilder();
        array.forEach(e -> s.append(s.length() == 0 ? "" : ", ").append(e.asText()));
        return s.toString();
    }

    private static String activationName(int code) {
        return switch (code) {
            case Activation.NONE -> "NONE";
            case Activation.RELU -> "RELU";
            case Activation.RELU6 -> "RELU6";
            case Activation.RELU_N1_TO_1 -> "RELU_N1_TO_1";
            default -> "code " + code;
        };
    }
}

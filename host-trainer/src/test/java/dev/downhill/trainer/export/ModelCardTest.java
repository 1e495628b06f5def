package dev.downhill.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.MemoryReport;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.quantize.Int8VsFloat;
import org.junit.jupiter.api.Test;

class ModelCardTest {

    /** The 3-5-4-softmax golden test model with Downhill metadata attached. */
    private static byte[] modelWithMetadata() {
        return GoldenVectorExporterTest.model(ModelMetadataTest.digits().toBytes());
    }

    @Test
    void describesLayersSizesAndAccuracyFromTheModelItself() throws Exception {
        byte[] dhm = modelWithMetadata();
        Int8VsFloat.Result acc = new Int8VsFloat.Result("accuracy", 100, 0.97, 0.965, 0.99, 2.5);
        ObjectNode card = ModelCard.describe(dhm, "m.dhm", acc, "test.csv");
        Model model = Model.load(dhm);

        assertThat(card.path("format").asText()).isEqualTo("downhill-model-card");
        assertThat(card.path("model").path("sha256").asText()).isEqualTo(Provenance.sha256(dhm));
        assertThat(card.path("model").path("flashBytes").asInt()).isEqualTo(dhm.length);
        assertThat(card.path("task").asText()).isEqualTo("classify");
        assertThat(card.path("labels")).hasSize(3);
        assertThat(card.path("layers")).hasSize(3);
        JsonNode fc0 = card.path("layers").get(0);
        assertThat(fc0.path("kind").asText()).isEqualTo("FULLY_CONNECTED");
        assertThat(fc0.path("activation").asText()).isEqualTo("RELU");
        assertThat(fc0.path("quantization").asText()).isEqualTo("per-channel");
        assertThat(fc0.path("multipliers").get(4).asInt()).isEqualTo(1_500_000_004);
        assertThat(fc0.path("shifts").get(4).asInt()).isEqualTo(-6);
        assertThat(fc0.path("weightScales").get(0).floatValue()).isEqualTo(0.01f);
        assertThat(card.path("layers").get(1).path("quantization").asText()).isEqualTo("per-tensor");
        assertThat(card.path("layers").get(1).path("outputZeroPoint").asInt()).isEqualTo(3);
        assertThat(card.path("layers").get(1).path("inputZeroPoint").asInt()).isEqualTo(-128);
        assertThat(card.path("layers").get(2).path("kind").asText()).isEqualTo("SOFTMAX");
        assertThat(card.path("macs").asLong()).isEqualTo(3 * 5 + 5 * 4);
        assertThat(card.path("ramBytes").path("inference").asInt())
                .isEqualTo(MemoryReport.required(model, 0).ramBytes());
        assertThat(card.path("ramBytes").path("adaptation").asInt()).isEqualTo(dev.downhill.runtime.adapt.Adapter.requiredBytes(
                model, new dev.downhill.runtime.adapt.AdapterConfig()));
        assertThat(card.path("ramBytes").path("adaptation").asInt()).isPositive();
        assertThat(card.path("accuracy").path("int8").asDouble()).isEqualTo(0.965);
        assertThat(card.path("training").path("optimizer").asText()).isEqualTo("adam");

        String text = ModelCard.toText(card);
        assertThat(text).contains("task: classify, classes: 0, 1, 2")
                .contains("0 FULLY_CONNECTED     3 -> 5    RELU         per-channel")
                .contains("MACs per inference: 35")
                .contains("flash: " + dhm.length + " bytes")
                .contains("accuracy on test.csv (100 samples): float 97.00%, int8 96.50%, agreement 99.00%")
                .contains("RAM for adaptation: " + card.path("ramBytes").path("adaptation").asInt()
                        + " bytes (trains INPUT_AFFINE|BIASES)");
        // The JSON form is stable: describing twice gives the same bytes.
        assertThat(ModelCard.toJson(card)).isEqualTo(ModelCard.toJson(ModelCard.describe(dhm, "m.dhm", acc, "test.csv")));
    }

    /** A firmware author reads the units off the card: per feature, what one step of its int16 reading is. */
    @Test
    void theRawInputUnitsAreOnTheCardAndInTheText() {
        ModelMetadata meta = new ModelMetadata("classify", java.util.List.of("temp_c", "count", "pressure_pa"), "state",
                java.util.List.of("a", "b", "c", "d"), null, dev.downhill.trainer.quantize.RawUnits.of(2, 0, -1), 0, 1,
                java.util.Map.of(), java.util.Map.of());
        ObjectNode card = ModelCard.describe(GoldenVectorExporterTest.model(meta.toBytes()), "m.dhm", null, null);
        assertThat(card.path("input").path("rawUnits").toString()).isEqualTo("[\"0.01\",\"1\",\"10\"]");
        assertThat(ModelCard.toText(card)).contains("raw integer input stage\n"
                + "raw input: feature temp_c in units of 0.01\n"
                + "raw input: feature count in units of 1\n"
                + "raw input: feature pressure_pa in units of 10\n");
        // Without metadata the stage still takes readings: in the units of whatever the data were, called 1.
        ObjectNode bare = ModelCard.describe(GoldenVectorExporterTest.model(), "plain.dhm", null, null);
        assertThat(bare.path("input").path("rawUnits").toString()).isEqualTo("[\"1\",\"1\",\"1\"]");
        assertThat(ModelCard.toText(bare)).contains("raw input: feature input 0 in units of 1\n");
    }

    @Test
    void modelWithoutMetadataStillHasACard() {
        ObjectNode card = ModelCard.describe(GoldenVectorExporterTest.model(), "plain.dhm", null, null);
        assertThat(card.path("task").isNull()).isTrue();
        assertThat(ModelCard.toText(card)).contains("task: unknown (no metadata)").contains("accuracy: not measured");
    }
}

package dev.downhill.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {

    static ModelMetadata digits() {
        return new ModelMetadata("classify", List.of("p0", "p1"), "digit", List.of("0", "1", "2"), 0, 1,
                Map.of("optimizer", "adam", "epochs", 60), Map.of("calibration", "minmax"));
    }

    @Test
    void roundTrips() {
        ModelMetadata back = ModelMetadata.parse(digits().toBytes(), "m.dhm");
        assertThat(back).isEqualTo(digits());
        assertThat(back.isClassification()).isTrue();
    }

    @Test
    void isDeterministicJson() {
        String json = new String(digits().toBytes(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(new String(digits().toBytes(), StandardCharsets.UTF_8))
                .contains("\"format\" : \"downhill-model-metadata\"");
        assertThat(json.indexOf("\"epochs\"")).isLessThan(json.indexOf("\"optimizer\""));
    }

    @Test
    void refusesForeignOrNewerMetadata() {
        assertThatThrownBy(() -> ModelMetadata.parse("{nope".getBytes(StandardCharsets.UTF_8), "m.dhm"))
                .hasMessageStartingWith("m.dhm: metadata section is not JSON");
        assertThatThrownBy(() -> ModelMetadata.parse("{\"format\":\"x\"}".getBytes(StandardCharsets.UTF_8), "m.dhm"))
                .hasMessage("m.dhm: metadata section is not downhill-model-metadata JSON");
        assertThatThrownBy(() -> ModelMetadata.parse(
                "{\"format\":\"downhill-model-metadata\",\"formatVersion\":7}".getBytes(StandardCharsets.UTF_8), "m.dhm"))
                .hasMessageContaining("version 7 is not supported");
    }
}

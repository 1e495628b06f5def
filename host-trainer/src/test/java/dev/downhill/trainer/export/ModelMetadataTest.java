package dev.downhill.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.trainer.data.StandardizationMode;
import dev.downhill.trainer.data.Standardizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {

    static ModelMetadata digits() {
        return new ModelMetadata("classify", List.of("p0", "p1"), "digit", List.of("0", "1", "2"), STANDARDIZER, 0, 1,
                Map.of("optimizer", "adam", "epochs", 60), Map.of("calibration", "minmax"));
    }

    /** Values that need all 17 significant digits, so a lossy round trip would show. */
    private static final Standardizer STANDARDIZER = Standardizer.of(StandardizationMode.PER_FEATURE, 0.25,
            new double[] {0.1 + 0.2, -1234.5678901234567}, new double[] {Math.PI, 1e-3 / 3});

    @Test
    void roundTrips() {
        ModelMetadata back = ModelMetadata.parse(digits().toBytes(), "m.dhm");
        assertThat(back).isEqualTo(digits());
        assertThat(back.isClassification()).isTrue();
        assertThat(back.standardizer().mean()).containsExactly(0.1 + 0.2, -1234.5678901234567);
        assertThat(back.standardizer().deviation()).containsExactly(Math.PI, 1e-3 / 3);
        assertThat(back.standardizer().mode()).isEqualTo(StandardizationMode.PER_FEATURE);
        assertThat(back.standardizer().floor()).isEqualTo(0.25);
    }

    @Test
    void metadataWithoutStandardisationReadsAsNone() {
        String json = new String(digits().toBytes(), StandardCharsets.UTF_8);
        String older = json.replaceAll("\"standardization\":\\{.*?\\},", "");
        assertThat(older).doesNotContain("standardization").contains("\"target\"");
        ModelMetadata back = ModelMetadata.parse(older.getBytes(StandardCharsets.UTF_8), "m.dhm");
        assertThat(back.standardizer()).isNull();
        assertThat(back.features()).containsExactly("p0", "p1");
    }

    @Test
    void unusableStandardisationIsOneLineNamingTheModel() {
        String json = new String(digits().toBytes(), StandardCharsets.UTF_8);
        String shortMean = json.replaceFirst("\"mean\":\\[[^,]+,", "\"mean\":[");
        assertThatThrownBy(() -> ModelMetadata.parse(shortMean.getBytes(StandardCharsets.UTF_8), "m.dhm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("m.dhm: metadata standardization: need an array of 2 numbers (one per feature)");
        assertThatThrownBy(() -> new ModelMetadata("classify", List.of("p0"), "digit", List.of("0", "1"), STANDARDIZER,
                0, 1, Map.of(), Map.of())).hasMessage("standardisation has 2 entries for 1 features");
    }

    @Test
    void isDeterministicJson() {
        String json = new String(digits().toBytes(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(new String(digits().toBytes(), StandardCharsets.UTF_8))
                .contains("{\"format\":\"downhill-model-metadata\",")
                .doesNotContain("\n").doesNotContain(" : ");
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

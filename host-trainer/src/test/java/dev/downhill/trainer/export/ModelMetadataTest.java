package dev.downhill.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.trainer.data.StandardizationMode;
import dev.downhill.trainer.data.Standardizer;
import dev.downhill.trainer.quantize.RawUnits;
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

    /** Units other than 1 are stored and read back; all 1 are not stored, so such metadata bytes are unchanged. */
    @Test
    void rawUnitsAreStoredOnlyWhenSomeUnitIsNotOne() {
        ModelMetadata d = digits();
        ModelMetadata decimal = new ModelMetadata(d.task(), d.features(), d.labelColumn(), d.labels(), d.standardizer(),
                RawUnits.of(1, -2), 0, 1, d.training(), d.quantization());
        String json = new String(decimal.toBytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"rawUnitDecimals\":[1,-2]");
        assertThat(ModelMetadata.parse(decimal.toBytes(), "m.dhm").rawUnits()).isEqualTo(RawUnits.of(1, -2));

        ModelMetadata ones = new ModelMetadata(d.task(), d.features(), d.labelColumn(), d.labels(), d.standardizer(),
                RawUnits.ones(2), 0, 1, d.training(), d.quantization());
        assertThat(ones.toBytes()).isEqualTo(d.toBytes());
        assertThat(new String(ones.toBytes(), StandardCharsets.UTF_8)).doesNotContain("rawUnitDecimals");
        assertThat(ModelMetadata.parse(d.toBytes(), "m.dhm").rawUnits()).as("absent: every unit 1")
                .isEqualTo(RawUnits.ones(2));
    }

    @Test
    void unusableRawUnitsAreOneLineNamingTheModel() {
        ModelMetadata d = digits();
        String json = new String(new ModelMetadata(d.task(), d.features(), d.labelColumn(), d.labels(), d.standardizer(),
                RawUnits.of(1, 1), 0, 1, d.training(), d.quantization()).toBytes(), StandardCharsets.UTF_8);
        String stored = "\"rawUnitDecimals\":[1,1]";
        assertThat(json).contains(stored);
        for (String[] bad : new String[][] {{"[1]", "need an array of 2 integers (one per feature)"},
            {"[1,0.5]", "entry 1 is not an integer"},
            {"[1,\"x\"]", "entry 1 is not an integer"},
            {"[1,999]", "raw unit of feature 1 is 10^-999"}}) {
            byte[] broken = json.replace(stored, "\"rawUnitDecimals\":" + bad[0]).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> ModelMetadata.parse(broken, "m.dhm")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("m.dhm: metadata rawUnitDecimals: ").hasMessageContaining(bad[1]);
        }
        assertThatThrownBy(() -> new ModelMetadata("classify", List.of("p0"), "digit", List.of("0", "1"), null,
                RawUnits.of(1, 1), 0, 1, Map.of(), Map.of())).hasMessage("raw units have 2 entries for 1 features");
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

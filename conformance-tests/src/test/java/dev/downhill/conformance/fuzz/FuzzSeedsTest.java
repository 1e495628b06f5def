package dev.downhill.conformance.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.store.ByteArrayParameterStore;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.export.GoldenVectors;
import dev.downhill.trainer.tflite.TfliteImporter;
import dev.downhill.trainer.tflite.UnsupportedTfliteModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed seed corpora are what {@link FuzzSeeds} makes, and the valid seeds are valid: each parses, so the
 * regression run and the fuzzer start from inputs that reach the deep parts of each parser.
 *
 * <p>Regenerate after a format change: {@code mvn -B -q -pl conformance-tests -am verify -Dtest=FuzzSeedsTest
 * -Ddownhill.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FuzzSeedsTest {

    @Test
    void committedSeedsAreWhatTheGeneratorMakes() throws IOException {
        if (Boolean.getBoolean("downhill.regenerate")) {
            Path root = Paths.get("src/test/resources");
            FuzzSeeds.write(root);
            System.out.println("regenerated fuzz seeds under " + root.toAbsolutePath());
        }
        for (Map.Entry<String, Map<String, byte[]>> target : FuzzSeeds.all().entrySet()) {
            for (Map.Entry<String, byte[]> seed : target.getValue().entrySet()) {
                String path = "/" + target.getKey() + "/" + seed.getKey();
                assertThat(ParameterStoreFuzzTest.resource(path)).as(path + " (regenerate: see FuzzSeedsTest)")
                        .isEqualTo(seed.getValue());
            }
        }
    }

    @Test
    void validModelSeedsLoadAndRun() {
        FuzzSeeds.modelLoader().forEach((name, blob) -> {
            if (name.startsWith("valid-")) {
                LoadedModel.mustRun(Model.load(blob));
            }
        });
    }

    @Test
    void validStoreSeedRestoresAState() {
        Adapter adapter = ParameterStoreFuzzTest.newAdapter();
        byte[] image = FuzzSeeds.parameterStore().get("valid-after-20-steps.store");
        assertThat(adapter.restore(adapter.slotsOver(new ByteArrayParameterStore(image), 1))).isTrue();
        assertThat(adapter.stepsTaken()).as("steps restored from the store").isPositive();
        Adapter blank = ParameterStoreFuzzTest.newAdapter();
        assertThat(blank.restore(blank.slotsOver(new ByteArrayParameterStore(
                FuzzSeeds.parameterStore().get("valid-blank.store")), 1))).isFalse();
    }

    @Test
    void tfliteSeedsImportOrAreRefusedAsUnsupported() {
        LoadedModel.mustRun(Model.load(TfliteImporter.toDhm(FuzzSeeds.tfliteImporter().get("valid-hello-world-int8.tflite"))));
        assertThatThrownBy(() -> TfliteImporter.toDhm(FuzzSeeds.tfliteImporter().get("unsupported-hello-world-float.tflite")))
                .isInstanceOf(UnsupportedTfliteModelException.class);
    }

    @Test
    void validCsvSeedsParse() {
        Map<String, byte[]> seeds = FuzzSeeds.csvReader();
        assertThat(CsvTable.parse("digits", text(seeds.get("valid-digits-head.csv"))).header()).hasSize(65);
        assertThat(CsvTable.parse("iris", text(seeds.get("valid-iris-head.csv"))).rowCount()).isEqualTo(7);
        CsvTable quoted = CsvTable.parse("quoted", text(seeds.get("valid-quoted-cells.csv")));
        assertThat(quoted.cell(0, 1)).isEqualTo("2,5");
        assertThat(quoted.line(1)).isEqualTo(4);
    }

    @Test
    void validGoldenSeedsRead() {
        FuzzSeeds.goldenVectors().forEach((name, file) ->
                assertThat(GoldenVectors.read(file, name).cases()).as(name).hasSize(3));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

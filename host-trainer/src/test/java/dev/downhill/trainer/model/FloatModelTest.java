package dev.downhill.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.trainer.data.LabelEncoder;
import dev.downhill.trainer.data.StandardizationMode;
import dev.downhill.trainer.data.Standardizer;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.nn.HeInitializer;
import dev.downhill.trainer.nn.LayerOutputs;
import dev.downhill.trainer.nn.Mlp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloatModelTest {
    private static FloatModel classifier() {
        Mlp net = Mlp.of(3, new int[] {4}, 2);
        HeInitializer.initialize(net, 1);
        Random r = new Random(2);
        for (float[] block : net.parameterBlocks()) {
            for (int k = 0; k < block.length; k++) {
                // awkward floats: their shortest decimal form must still read back to the same bits
                block[k] = Float.intBitsToFloat(r.nextInt(0x7f000000) & 0x7effffff) * (r.nextBoolean() ? 1 : -1);
            }
        }
        Standardizer s = Standardizer.of(StandardizationMode.PER_FEATURE, 0.5, new double[] {1, 2, 3},
                new double[] {0.5, 1.0 / 3, 7});
        return new FloatModel(Task.CLASSIFY, List.of("a", "b", "c"), "species", LabelEncoder.of(List.of("x", "y")),
                s, TargetScaling.IDENTITY, net, Map.of("seed", 7L));
    }

    @Test
    void saveAndLoadRoundTripBitForBit(@TempDir Path dir) throws Exception {
        FloatModel m = classifier();
        m.save(dir.resolve("out"));
        FloatModel back = FloatModel.load(dir.resolve("out"));
        assertThat(back.task()).isEqualTo(Task.CLASSIFY);
        assertThat(back.featureNames()).containsExactly("a", "b", "c");
        assertThat(back.labelColumn()).isEqualTo("species");
        assertThat(back.labels().names()).containsExactly("x", "y");
        assertThat(back.standardizer().mode()).isEqualTo(StandardizationMode.PER_FEATURE);
        assertThat(back.standardizer().floor()).isEqualTo(0.5);
        assertThat(back.standardizer().deviation()).containsExactly(0.5, 1.0 / 3, 7.0);
        assertThat(back.provenance()).containsEntry("seed", 7L);
        for (int b = 0; b < m.network().parameterBlocks().length; b++) {
            float[] expected = m.network().parameterBlocks()[b];
            float[] actual = back.network().parameterBlocks()[b];
            for (int k = 0; k < expected.length; k++) {
                assertThat(Float.floatToRawIntBits(actual[k])).isEqualTo(Float.floatToRawIntBits(expected[k]));
            }
        }
        // And the file itself is stable: saving the loaded model gives the same bytes.
        back.save(dir.resolve("again"));
        assertThat(Files.readString(dir.resolve("again/model.json")))
                .isEqualTo(Files.readString(dir.resolve("out/model.json")));
    }

    @Test
    void weightsAreWrittenOutputMajor(@TempDir Path dir) throws Exception {
        FloatModel m = classifier();
        m.network().setWeight(0, 3, 1, 0.25f);
        String json = FloatModelFile.toJson(m);
        FloatModel back = FloatModelFile.parse("m", json);
        assertThat(back.network().weight(0, 3, 1)).isEqualTo(0.25f);
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(root.at("/layers/0/weights").size()).isEqualTo(4); // outputs
        assertThat(root.at("/layers/0/weights/3/1").floatValue()).isEqualTo(0.25f);
    }

    @Test
    void traceStandardisesThenRunsTheNetwork() {
        FloatModel m = classifier();
        double[] raw = {2, 3, 10};
        float[] z = m.standardize(raw);
        assertThat(z).containsExactly(2f, 3f, 1f);
        LayerOutputs t = m.trace(raw);
        assertThat(t.input()).containsExactly(2f, 3f, 1f);
        assertThat(t.layerCount()).isEqualTo(2);
        assertThat(t.output()).containsExactly(m.network().predict(z));
    }

    @Test
    void regressionModelKeepsTargetScaling(@TempDir Path dir) {
        Mlp net = Mlp.of(1, new int[] {2}, 1);
        net.setBias(1, 0, 0.5f);
        FloatModel m = new FloatModel(Task.REGRESS, List.of("x"), "y", null,
                Standardizer.of(StandardizationMode.GLOBAL, 0, new double[] {0}, new double[] {1}),
                new TargetScaling(10, 4), net, Map.of());
        m.save(dir);
        FloatModel back = FloatModel.load(dir.resolve("model.json"));
        assertThat(back.targetScaling()).isEqualTo(new TargetScaling(10, 4));
        assertThat(back.predictValue(new double[] {0})).isEqualTo(12.0);
    }

    @Test
    void badFilesAreReportedWithTheirPath(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> FloatModel.load(dir)).isInstanceOf(ModelFileException.class)
                .hasMessage(dir.resolve("model.json") + ": no such file");
        String good = FloatModelFile.toJson(classifier());
        assertThatThrownBy(() -> FloatModelFile.parse("m.json", "{\n  \"format\": oops\n}"))
                .hasMessageStartingWith("m.json:2:").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> FloatModelFile.parse("m.json", good.replace("\"formatVersion\" : 1",
                "\"formatVersion\" : 2"))).hasMessage("m.json: formatVersion is 2; this downhill reads version 1 "
                + "(retrain the model or use a matching downhill)");
        assertThatThrownBy(() -> FloatModelFile.parse("m.json", good.replace("\"relu\"", "\"tanh\"")))
                .hasMessageStartingWith("m.json: layers[0].activation unknown activation 'tanh'");
        String oneRowShort = good.replaceFirst("\"weights\" : \\[ \\[[^]]*], ", "\"weights\" : [ ");
        assertThatThrownBy(() -> FloatModelFile.parse("m.json", oneRowShort))
                .hasMessage("m.json: layers[0].weights expected 4 rows (one per output)");
        assertThatThrownBy(() -> FloatModelFile.parse("m.json", good.replace("\"task\" : \"classify\",", "")))
                .hasMessage("m.json: task missing or not a string");
    }

    @Test
    void anInt8ModelOrBinaryFileGivenAsTheFloatModelIsNamedAsSuch(@TempDir Path dir) throws Exception {
        Path dhm = dir.resolve("m.dhm");
        java.nio.file.Files.write(dhm, new byte[] {'D', 'H', 'M', 'F', 1, 0, (byte) 0xff, 0});
        assertThatThrownBy(() -> FloatModel.load(dhm)).isInstanceOf(ModelFileException.class)
                .hasMessage(dhm + ": is an int8 .dhm model; this needs the float model directory written by "
                        + "'downhill train' (model.json)");
        Path binary = dir.resolve("x.bin");
        java.nio.file.Files.write(binary, new byte[] {1, (byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> FloatModel.load(binary)).isInstanceOf(ModelFileException.class)
                .hasMessage(binary + ": is not a model.json text file (expected a model directory written by "
                        + "'downhill train')");
    }
}

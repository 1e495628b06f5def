package dev.downhill.trainer.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.ModelFormatException;
import dev.downhill.runtime.format.build.ModelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfliteExporterTest {

    @TempDir
    Path dir;

    @Test
    void importOfExportIsTheSameModelByteForByte() {
        byte[] dhm = TfliteImporter.toDhm(TfliteTestModels.helloWorldInt8());

        byte[] tflite = TfliteExporter.toTflite(dhm);

        assertThat(TfliteImporter.toDhm(tflite)).isEqualTo(dhm);
    }

    @Test
    void perChannelAndSoftmaxSurviveTheRoundTripAndComputeTheSameBits() {
        byte[] dhm = TfliteImporter.toDhm(
                TfliteGraphWriter.write(TfliteGraphs.helloWorldWithSoftmaxAndPerChannel(), "test"));

        byte[] back = TfliteImporter.toDhm(TfliteExporter.toTflite(dhm));

        assertThat(back).isEqualTo(dhm);
        Interpreter a = new Interpreter(Model.load(dhm), Interpreter.RETAIN_ACTIVATIONS);
        Interpreter b = new Interpreter(Model.load(back), Interpreter.RETAIN_ACTIVATIONS);
        for (int x = -128; x <= 127; x++) {
            a.setInput(new byte[] {(byte) x}, 0);
            b.setInput(new byte[] {(byte) x}, 0);
            a.invoke();
            b.invoke();
            assertThat(b.activations()).as("input %d", x).isEqualTo(a.activations());
        }
    }

    @Test
    void theExportedFileIsAnInt8TfliteModelWithTheRightOperators() {
        byte[] dhm = TfliteImporter.toDhm(
                TfliteGraphWriter.write(TfliteGraphs.helloWorldWithSoftmaxAndPerChannel(), "test"));

        TfliteGraph g = TfliteGraphReader.read(TfliteExporter.toTflite(dhm));

        assertThat(g.operators()).extracting(TfliteGraph.Operator::label).containsExactly(
                "operator 0 (FULLY_CONNECTED)", "operator 1 (FULLY_CONNECTED)", "operator 2 (FULLY_CONNECTED)",
                "operator 3 (SOFTMAX)");
        assertThat(g.operators().get(0).version()).isEqualTo(4);
        assertThat(g.operators().get(3).softmax().beta()).isEqualTo(1f);
        assertThat(g.tensors().get(g.inputs()[0]).name()).isEqualTo("input");
        assertThat(g.tensors().get(g.outputs()[0]).name()).isEqualTo("output");
        assertThat(g.tensors()).filteredOn(t -> t.data() == null)
                .allSatisfy(t -> assertThat(t.type()).isEqualTo(TfliteGraphConverter.INT8));
        TfliteGraph.Tensor perChannelWeights = g.tensors().get(g.operators().get(1).inputs()[1]);
        assertThat(perChannelWeights.quantization().scales()).hasSize(16);
        assertThat(perChannelWeights.quantization().quantizedDimension()).isZero();
        TfliteGraph.Tensor bias = g.tensors().get(g.operators().get(0).inputs()[2]);
        assertThat(bias.type()).isEqualTo(TfliteGraphConverter.INT32);
        assertThat(bias.quantization().scales()[0]).isEqualTo(0.024480116f * 0.004039009f);
    }

    @Test
    void aModelWhoseMultiplierIsNotTflmsIsRefusedNamingTheLayer() {
        byte[] dhm = new ModelBuilder().input(-128, Float.floatToRawIntBits(0.1f))
                .fullyConnected(2, 2).weights(new byte[] {1, 2, 3, 4}).bias(new int[] {0, 0})
                .perTensor(1 << 30, -3, Float.floatToRawIntBits(0.05f))
                .output(0, Float.floatToRawIntBits(0.2f)).add()
                .build();

        assertThatThrownBy(() -> TfliteExporter.toTflite(dhm))
                .isInstanceOf(TfliteExportException.class)
                .hasMessageStartingWith("TFLite would not run this model like Downhill does: layer 0 (FULLY_CONNECTED):"
                        + " stored multipliers [1073741824] / shifts [-3], but TFLite derives");
    }

    @Test
    void aModelWithAnInputStageIsRefused() {
        byte[] dhm = new ModelBuilder().input(0, Float.floatToRawIntBits(0.1f))
                .inputStage(0, new int[] {0, 0}, new int[] {1 << 30}, new int[] {0})
                .fullyConnected(2, 2).weights(new byte[] {1, 2, 3, 4})
                .perTensor(1 << 30, -3, Float.floatToRawIntBits(0.05f))
                .output(0, Float.floatToRawIntBits(0.2f)).add()
                .build();

        assertThatThrownBy(() -> TfliteExporter.toTflite(dhm))
                .isInstanceOf(TfliteExportException.class)
                .hasMessageContaining("input stage").hasMessageContaining("'downhill quantize --no-input-stage'");
    }

    @Test
    void aCorruptDhmIsTheRuntimesModelFormatException() {
        assertThatThrownBy(() -> TfliteExporter.toTflite(new byte[] {1, 2, 3}))
                .isInstanceOf(ModelFormatException.class);
    }

    @Test
    void writeIsAtomicAndWritesTheSameBytes() throws Exception {
        byte[] dhm = TfliteImporter.toDhm(TfliteTestModels.helloWorldInt8());
        Path out = dir.resolve("hello.tflite");

        TfliteExporter.write(dhm, out);

        assertThat(Files.readAllBytes(out)).isEqualTo(TfliteExporter.toTflite(dhm));
    }
}

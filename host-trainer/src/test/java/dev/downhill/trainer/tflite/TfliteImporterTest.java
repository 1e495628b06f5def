package dev.downhill.trainer.tflite;

import dev.downhill.trainer.quantize.Rounding;
import dev.downhill.runtime.format.ModelFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfliteImporterTest {

    @TempDir
    Path dir;

    @Test
    void helloWorldImportsAsAThreeLayerModelThatPassesTflmsOwnChecks() {
        Model model = Model.load(TfliteImporter.toDhm(TfliteTestModels.helloWorldInt8()));

        assertThat(model.layerCount()).isEqualTo(3);
        assertThat(model.inputSize()).isEqualTo(1);
        assertThat(model.outputSize()).isEqualTo(1);
        assertThat(model.inputZeroPoint()).isEqualTo(-128);
        assertThat(model.outputZeroPoint()).isEqualTo(5);
        assertThat(model.fullyConnected(0).multiplier(0)).isEqualTo(2039655759);
        assertThat(model.fullyConnected(0).shift(0)).isEqualTo(-7);

        // hello_world_test.cc: int8 inputs for x = 0.77, 1.57, 2.3, 3.14; |sin(x) - y| <= 0.05.
        Interpreter interpreter = new Interpreter(model);
        float[] xs = {0.77f, 1.57f, 2.3f, 3.14f};
        byte[] inputs = {-96, -63, -34, 0};
        for (int i = 0; i < xs.length; i++) {
            interpreter.setInput(new byte[] {inputs[i]}, 0);
            interpreter.invoke();
            float y = (interpreter.output(0) - 5) * 0.008290957f;
            assertThat(Math.abs((float) Math.sin(xs[i]) - y)).as("x = %s", xs[i]).isLessThanOrEqualTo(0.05f);
        }
    }

    @Test
    void importFileWritesTheDhm() throws Exception {
        Path tflite = dir.resolve("hello.tflite");
        Files.write(tflite, TfliteTestModels.helloWorldInt8());
        Path dhm = dir.resolve("out/hello.dhm");

        TfliteImporter.importFile(tflite, dhm, Rounding.DOUBLE);

        assertThat(Files.readAllBytes(dhm)).isEqualTo(TfliteImporter.toDhm(TfliteTestModels.helloWorldInt8()));
    }

    @Test
    void aRefusedImportLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        Path tflite = dir.resolve("float.tflite");
        Files.write(tflite, TfliteTestModels.helloWorldFloat());
        Path dhm = dir.resolve("model.dhm");
        Files.write(dhm, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> TfliteImporter.importFile(tflite, dhm, Rounding.DOUBLE))
                .isInstanceOf(UnsupportedTfliteModelException.class);

        assertThat(Files.readAllBytes(dhm)).containsExactly(1, 2, 3);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("float.tflite", "model.dhm");
        }
    }

    @Test
    void softmaxAndPerChannelLayersImport() {
        byte[] tflite = TfliteGraphWriter.write(TfliteGraphs.helloWorldWithSoftmaxAndPerChannel(), "test");

        Model model = Model.load(TfliteImporter.toDhm(tflite));

        assertThat(model.layerCount()).isEqualTo(4);
        assertThat(model.fullyConnected(1).isPerChannel()).isTrue();
        assertThat(ModelFields.weightScaleCount(model, 1)).isEqualTo(16);
        assertThat(model.softmax(3)).isNotNull();
        assertThat(model.outputZeroPoint()).isEqualTo(-128);
        // A one-element softmax is certain: probability 1.0 saturates to 127.
        Interpreter interpreter = new Interpreter(model);
        interpreter.setInput(new byte[] {17}, 0);
        interpreter.invoke();
        assertThat(interpreter.output(0)).isEqualTo(127);
    }
}

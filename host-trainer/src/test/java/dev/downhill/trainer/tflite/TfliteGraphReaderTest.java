package dev.downhill.trainer.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TfliteGraphReaderTest {

    @Test
    void readsHelloWorldInt8AsTheTflmReadmeDescribesIt() {
        TfliteGraph g = TfliteGraphReader.read(TfliteTestModels.helloWorldInt8());

        assertThat(g.schemaVersion()).isEqualTo(3);
        assertThat(g.subgraphCount()).isEqualTo(1);
        assertThat(g.tensors()).hasSize(10);
        assertThat(g.inputs()).containsExactly(0);
        assertThat(g.outputs()).containsExactly(9);

        TfliteGraph.Tensor input = g.tensors().get(0);
        assertThat(input.name()).isEqualTo("serving_default_dense_input:0");
        assertThat(input.type()).isEqualTo(9);
        assertThat(input.shape()).containsExactly(1, 1);
        assertThat(input.data()).isNull();
        assertThat(Float.floatToRawIntBits(input.quantization().scales()[0])).isEqualTo(0x3cc88a86);
        assertThat(input.quantization().zeroPoints()).containsExactly(-128L);

        TfliteGraph.Tensor w1 = g.tensors().get(6);
        assertThat(w1.shape()).containsExactly(16, 1);
        assertThat(w1.data()).hasSize(16);
        assertThat(Float.floatToRawIntBits(w1.quantization().scales()[0])).isEqualTo(0x3b8459aa);
        assertThat(w1.quantization().zeroPoints()).containsExactly(0L);

        TfliteGraph.Tensor b2 = g.tensors().get(3);
        assertThat(b2.type()).isEqualTo(2);
        assertThat(b2.data()).hasSize(64);

        TfliteGraph.Tensor out = g.tensors().get(9);
        assertThat(Float.floatToRawIntBits(out.quantization().scales()[0])).isEqualTo(0x3c07d6cb);
        assertThat(out.quantization().zeroPoints()).containsExactly(5L);

        assertThat(g.operators()).hasSize(3);
        int[][] inputs = {{0, 6, 5}, {7, 4, 3}, {8, 2, 1}};
        int[] outputs = {7, 8, 9};
        int[] activations = {1, 1, 0};
        for (int i = 0; i < 3; i++) {
            TfliteGraph.Operator op = g.operators().get(i);
            assertThat(op.builtinCode()).isEqualTo(9);
            assertThat(op.label()).isEqualTo("operator " + i + " (FULLY_CONNECTED)");
            assertThat(op.version()).isEqualTo(4);
            assertThat(op.inputs()).as(Arrays.toString(op.inputs())).containsExactly(inputs[i]);
            assertThat(op.outputs()).containsExactly(outputs[i]);
            assertThat(op.fullyConnected().activation()).isEqualTo(activations[i]);
            assertThat(op.fullyConnected().weightsFormat()).isZero();
            assertThat(op.fullyConnected().keepNumDims()).isFalse();
        }
    }

    @Test
    void readsHelloWorldFloatWithItsOwnTensorNumbering() {
        TfliteGraph g = TfliteGraphReader.read(TfliteTestModels.helloWorldFloat());

        assertThat(g.operators()).hasSize(3);
        assertThat(g.operators().get(0).version()).isEqualTo(1);
        assertThat(g.tensors()).allSatisfy(t -> assertThat(t.type()).isZero());
        assertThat(g.tensors().get(4).data()).hasSize(16 * 4);
        assertThat(g.tensors().get(5).data()).hasSize(16 * 16 * 4);
    }

    @Test
    void refusesAFileThatIsNotTflite() {
        byte[] notTflite = "this is not a flatbuffer at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TfliteGraphReader.read(notTflite))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("file identifier is 0x20697320, expected 'TFL3'")
                .hasMessageContaining("at byte 4");
    }

    @Test
    void refusesATruncatedFileNamingWhereItBreaks() {
        byte[] full = TfliteTestModels.helloWorldInt8();
        byte[] truncated = Arrays.copyOf(full, 1000);
        assertThatThrownBy(() -> TfliteGraphReader.read(truncated))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageStartingWith("corrupt TFLite file: Model.")
                .hasMessageContaining("1000-byte file");
    }

    @Test
    void refusesATooShortFile() {
        assertThatThrownBy(() -> TfliteGraphReader.read(new byte[5]))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessage("file is 5 bytes, too short for a TFLite model (at least 8: root offset and file"
                        + " identifier) (at byte 0)");
    }
}

package dev.downhill.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.build.ModelBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoldenVectorExporterTest {

    /** 3 raw features -> input stage -> FC(5, ReLU) -> FC(4) -> softmax. */
    static byte[] model() {
        return model(null);
    }

    static byte[] model(byte[] metadata) {
        Random r = new Random(3);
        byte[] w1 = new byte[15];
        byte[] w2 = new byte[20];
        r.nextBytes(w1);
        r.nextBytes(w2);
        int[] m5 = new int[5];
        int[] s5 = new int[5];
        int[] b5 = new int[5];
        int[] scale5 = new int[5];
        for (int c = 0; c < 5; c++) {
            m5[c] = 1_500_000_000 + c;
            s5[c] = -6;
            b5[c] = r.nextInt(2000) - 1000;
            scale5[c] = Float.floatToRawIntBits(0.01f);
        }
        ModelBuilder b = new ModelBuilder().input(-10, Float.floatToRawIntBits(0.1f))
                .inputStage(15, new int[] {4 << 15, 8 << 15, 0}, new int[] {1 << 30}, new int[] {-13})
                .fullyConnected(3, 5).weights(w1).bias(b5).perChannel(m5, s5, scale5)
                .output(-128, Float.floatToRawIntBits(0.05f)).activation(1, -128, 127).add()
                .fullyConnected(5, 4).weights(w2).perTensor(1_400_000_000, -7, Float.floatToRawIntBits(0.02f))
                .output(3, Float.floatToRawIntBits(0.1f)).add()
                .softmax(1_717_986_944, 23, Float.floatToRawIntBits(1f));
        if (metadata != null) {
            b.metadata(metadata);
        }
        return b.build();
    }

    @Test
    void recordsEveryOperatorAndReplaysBitExactlyThroughAFreshInterpreter() {
        byte[] dhm = model();
        Random r = new Random(9);
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new int[] {r.nextInt(17), r.nextInt(17), r.nextInt(200) - 100});
        }
        byte[] file = GoldenVectorExporter.fromRaw(dhm, rows, "random rows").toBytes();

        GoldenVectors g = GoldenVectors.read(file, "model.dhgv");
        assertThat(g.modelSha256Hex()).isEqualTo(Provenance.sha256(dhm));
        assertThat(g.outputLengths()).containsExactly(5, 4, 4);
        assertThat(g.cases()).hasSize(40);
        // Replay: a ping-pong interpreter (different arena layout) must reproduce input and final output.
        Interpreter replay = new Interpreter(Model.load(dhm));
        int distinctOutputs = 0;
        byte[] previous = null;
        for (GoldenCase c : g.cases()) {
            replay.quantizeInput(c.raw(), 0);
            byte[] input = Arrays.copyOfRange(replay.activations(), replay.inputOffset(), replay.inputOffset() + 3);
            assertThat(input).isEqualTo(c.input());
            replay.invoke();
            byte[] out = new byte[4];
            replay.copyOutput(out, 0);
            assertThat(out).isEqualTo(c.outputs()[2]);
            distinctOutputs += Arrays.equals(out, previous) ? 0 : 1;
            previous = out;
        }
        assertThat(distinctOutputs).as("vectors must exercise the model, not repeat one output").isGreaterThan(10);
    }

    @Test
    void int8InputsWorkWithoutAnInputStage() {
        byte[] dhm = model();
        GoldenVectors g = GoldenVectorExporter.fromInt8(dhm, List.of(new byte[] {1, -128, 127}), "hand");
        assertThat(g.hasRaw()).isFalse();
        assertThat(g.cases().get(0).input()).containsExactly(1, -128, 127);
        assertThat(HexFormat.of().formatHex(g.modelSha256())).isEqualTo(Provenance.sha256(dhm));
    }

    @Test
    void wrongRowLengthNamesTheRow() {
        assertThatThrownBy(() -> GoldenVectorExporter.fromRaw(model(), List.of(new int[3], new int[2]), "x"))
                .hasMessage("row 2 has 2 values, the model takes 3");
    }
}

package dev.downhill.trainer.cli;

import static dev.downhill.trainer.cli.QuantizerCliFixture.assertOneLineError;
import static dev.downhill.trainer.cli.QuantizerCliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.cli.QuantizerCliFixture.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

    @TempDir
    static Path shared;
    static Path dhm;

    @TempDir
    Path dir;

    @BeforeAll
    static void quantize() {
        dhm = QuantizerCliFixture.quantizedDigits(shared);
    }

    private static String header(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append('p').append(i);
        }
        return s.toString();
    }

    @Test
    void rawRowsGiveTheRuntimeClassAndOutputs() throws IOException {
        Path csv = dir.resolve("in.csv");
        int[] raw = new int[64];
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            raw[i] = (i * 7) % 17;
            row.append(i == 0 ? "" : ",").append(raw[i]);
        }
        Files.writeString(csv, header(64) + "\n" + row + "\n" + row + "\n");
        Path out = dir.resolve("preds.csv");
        Run r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote 2 predictions");

        Interpreter in = new Interpreter(Model.load(Files.readAllBytes(dhm)));
        in.invoke(raw, 0);
        StringBuilder expected = new StringBuilder().append(in.argMax()).append(',').append(in.argMax());
        for (int i = 0; i < 10; i++) {
            expected.append(',').append(in.output(i));
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("class_id,label,int8_out0,").endsWith("int8_out9");
        assertThat(lines.get(1)).isEqualTo(expected.toString());
    }

    @Test
    void int8InputsSkipTheInputStage() throws IOException {
        Path csv = dir.resolve("q.csv");
        StringBuilder row = new StringBuilder();
        byte[] q = new byte[64];
        for (int i = 0; i < 64; i++) {
            q[i] = (byte) (i * 4 - 128);
            row.append(i == 0 ? "" : ",").append(q[i]);
        }
        Files.writeString(csv, header(64) + "\n" + row + "\n");
        Path out = dir.resolve("p.csv");
        Run r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--int8-in", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Interpreter in = new Interpreter(Model.load(Files.readAllBytes(dhm)));
        in.setInput(q, 0);
        in.invoke();
        assertThat(Files.readAllLines(out).get(1)).startsWith(in.argMax() + ",");
    }

    @Test
    void nonIntegerRawValueNamesTheCellAndWritesNothing() throws IOException {
        Path csv = dir.resolve("in.csv");
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            row.append(i == 0 ? "" : ",").append(i == 3 ? "2.5" : "1");
        }
        Files.writeString(csv, header(64) + "\n" + row + "\n");
        Path out = dir.resolve("preds.csv");
        Run r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--out", out.toString());
        assertOneLineError(r, ExitCodes.FAILED, "in.csv:2:4: the model's input stage takes raw integers");
        assertThat(out).doesNotExist();
    }

    @Test
    void int8ValueOutOfRangeNamesTheCell() throws IOException {
        Path csv = dir.resolve("q.csv");
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            row.append(i == 0 ? "" : ",").append(i == 10 ? "200" : "0");
        }
        Files.writeString(csv, header(64) + "\n" + row + "\n");
        Run r = run("predict", "--model", dhm.toString(), "--data", csv.toString(), "--int8-in", "--out",
                dir.resolve("p.csv").toString());
        assertOneLineError(r, ExitCodes.FAILED, "q.csv:2:11: --int8-in expects integers in -128..127, got '200'");
    }
}

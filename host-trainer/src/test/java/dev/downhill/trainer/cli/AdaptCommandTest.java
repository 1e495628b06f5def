package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptCommandTest {

    @TempDir
    Path dir;
    private Path model;
    private Path stream;
    private Path eval;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A 4-input, 2-class model whose class is "feature 0 + feature 1 > feature 2 + feature 3", labels from itself. */
    @BeforeEach
    void writeModelAndData() throws Exception {
        int[] offsets = {8 << 8, 8 << 8, 8 << 8, 8 << 8};
        int[] mult = {1 << 30};
        int[] shift = {-4};                                            // q = (x - 8) * 2^-5 * 2^... ~ 8 steps per unit
        byte[] blob = new ModelBuilder().input(0, Float.floatToRawIntBits(1f / 16)).inputStage(8, offsets, mult, shift)
                .fullyConnected(4, 2).weights(new byte[] {64, 64, -64, -64, -64, -64, 64, 64}).bias(new int[] {0, 0})
                .perTensor(1 << 30, -6, Float.floatToRawIntBits(1f / 64)).output(0, Float.floatToRawIntBits(0.125f))
                .activation(Activation.NONE, -128, 127).add()
                .softmax(1 << 30, 23, Float.floatToRawIntBits(1f)).build();
        model = dir.resolve("m.dhm");
        Files.write(model, blob);
        Interpreter in = new Interpreter(Model.load(blob));
        Random r = new Random(1);
        stream = dir.resolve("stream.csv");
        eval = dir.resolve("eval.csv");
        Files.writeString(stream, rows(in, r, 60));
        Files.writeString(eval, rows(in, r, 40));
    }

    private static String rows(Interpreter in, Random r, int n) {
        StringBuilder b = new StringBuilder("a,b,c,d,label\n");
        for (int i = 0; i < n; i++) {
            int[] x = {r.nextInt(17), r.nextInt(17), r.nextInt(17), r.nextInt(17)};
            in.invoke(x, 0);
            b.append(x[0]).append(',').append(x[1]).append(',').append(x[2]).append(',').append(x[3]).append(',')
                    .append(in.argMax()).append('\n');
        }
        return b.toString();
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void writesTheLogAndThePlotAndReportsTheFinalAccuracies() throws Exception {
        Path o = dir.resolve("out");
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--drift", "gain=0.5,offset=4", "--trainable", "input,bias", "--lr", "0.05",
                "--eval-every", "20", "--out", o.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> log = Files.readAllLines(o.resolve("adapt-log.csv"));
        assertThat(log.get(0)).isEqualTo("samples_seen,frozen_accuracy,fixed_point_accuracy,float_reference_accuracy,"
                + "applied,skipped,rolled_back,resets");
        assertThat(log).hasSize(1 + 4);                                 // 0, 20, 40, 60 samples
        assertThat(log.get(4)).startsWith("60,");
        String[] first = log.get(1).split(",");
        assertThat(first[1]).isEqualTo(first[2]).as("before any sample the adapter is the frozen model");
        byte[] png = Files.readAllBytes(o.resolve("adapt.png"));
        assertThat(png).hasSizeGreaterThan(1000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(out.toString()).contains("after 60 labelled samples: frozen ").contains("extra RAM on the device");
        try (var files = Files.list(o)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("adapt-log.csv", "adapt.png");          // no temporary files left behind
        }
    }

    @Test
    void aNonIntegerCellNamesFileLineAndColumn() throws Exception {
        Files.writeString(stream, "a,b,c,d,label\n1,2,3,4,0\n1,2.5,3,4,1\n");
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains(stream.toString()).contains(":3:2").contains("'2.5' is not an integer");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
    }

    @Test
    void aLabelOutsideTheModelsClassesIsRefused() throws Exception {
        Files.writeString(eval, "a,b,c,d,label\n1,2,3,4,7\n");
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains(":2:5").contains("label 7 is not a class id 0..1");
    }

    @Test
    void aCorruptModelIsOneLineNamingTheFile() throws Exception {
        Files.write(model, new byte[] {1, 2, 3});
        int code = run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--out", dir.resolve("o").toString());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).startsWith("downhill: " + model).doesNotContain("\tat ");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--drift", "tilt=1", "--out", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--drift: drift 'tilt=1': unknown key 'tilt'");
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--trainable", "everything", "--out", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--trainable: unknown part 'everything'");
        assertThat(run("adapt", "--model", model.toString(), "--data", stream.toString(), "--label", "label",
                "--eval", eval.toString(), "--guards", "magic", "--out", "x")).isEqualTo(ExitCodes.USAGE);
    }
}

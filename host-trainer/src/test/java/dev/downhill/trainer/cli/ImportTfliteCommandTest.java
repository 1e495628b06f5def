package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.format.ModelFormat;
import dev.downhill.trainer.tflite.TfliteFormatException;
import dev.downhill.trainer.tflite.UnsupportedTfliteModelException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Exit codes and messages of {@code downhill import-tflite}. Import failures are thrown for the root
 * command's ErrorHandler to print as one line; here they are checked where they leave the command
 * (picocli's execute() would hand them to the ErrorHandler).
 */
class ImportTfliteCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine command() {
        CommandLine cl = new CommandLine(new ImportTfliteCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl;
    }

    /** Parses and calls the command directly, so that what it throws reaches the test unhandled. */
    private void call(String... args) throws Exception {
        ImportTfliteCommand command = new ImportTfliteCommand();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.parseArgs(args);
        command.call();
    }

    private Path resource(String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/dev/downhill/trainer/tflite/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void importsHelloWorldAndSaysWhatItWrote() throws Exception {
        Path tflite = resource("hello_world_int8.tflite");
        Path dhm = dir.resolve("hello.dhm");

        int exit = command().execute(tflite.toString(), "--out", dhm.toString());

        assertThat(exit).isZero();
        assertThat(Model.load(Files.readAllBytes(dhm)).layerCount()).isEqualTo(3);
        assertThat(out.toString()).startsWith("wrote " + dhm + " (")
                .contains("1 -> FULLY_CONNECTED 16 RELU -> FULLY_CONNECTED 16 RELU -> FULLY_CONNECTED 1");
    }

    @Test
    void roundingSingleMarksTheModelAndChangesOnlyTheFlag() throws Exception {
        Path tflite = resource("hello_world_int8.tflite");
        Path twice = dir.resolve("double.dhm");
        Path once = dir.resolve("single.dhm");

        assertThat(command().execute(tflite.toString(), "--out", twice.toString())).isZero();
        assertThat(command().execute(tflite.toString(), "--out", once.toString(), "--rounding", "SINGLE")).isZero();

        Model a = Model.load(Files.readAllBytes(twice));
        Model b = Model.load(Files.readAllBytes(once));
        assertThat(ModelFields.rounding(a)).isZero();
        assertThat(ModelFields.rounding(b)).isEqualTo(ModelFormat.FLAG_SINGLE_ROUNDING);
        assertThat(out.toString()).contains("FULLY_CONNECTED 1, rounding single");
        // the same bytes but for the header flag and the CRC
        byte[] x = Files.readAllBytes(twice);
        byte[] y = Files.readAllBytes(once);
        int differing = 0;
        for (int i = 0; i < x.length; i++) {
            differing += x[i] != y[i] ? 1 : 0;
        }
        assertThat(y[24]).isEqualTo((byte) 1);
        assertThat(differing).isLessThanOrEqualTo(5);
    }

    @Test
    void roundingDoubleHalfUpMarksTheModel() throws Exception {
        Path halfUp = dir.resolve("half-up.dhm");
        assertThat(command().execute(resource("hello_world_int8.tflite").toString(), "--out", halfUp.toString(),
                "--rounding", "double-half-up")).isZero();
        assertThat(ModelFields.rounding(Model.load(Files.readAllBytes(halfUp)))).isEqualTo(ModelFormat.FLAG_HALF_UP);
        assertThat(out.toString()).contains("FULLY_CONNECTED 1, rounding double-half-up");
        QuantizerCliFixture.Run inspect = QuantizerCliFixture.run("inspect", halfUp.toString());
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("requantisation: double-half-up rounding (bit-exact with TensorFlow Lite"
                + " 2.9.0's interpreter)");
    }

    @Test
    void anUnknownRoundingIsRefusedNamingTheChoices() throws Exception {
        int exit = Main.run(new String[] {"import-tflite", resource("hello_world_int8.tflite").toString(), "--out",
            dir.resolve("x.dhm").toString(), "--rounding", "nearest"}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("'nearest' is not a rounding: use double (TFLite Micro), single (TFLITE_SINGLE_ROUNDING, TFLite 2.6.2) or double-half-up (TFLite 2.9.0)");
        assertThat(dir.resolve("x.dhm")).doesNotExist();
    }

    @Test
    void anUnsupportedModelNamesTheFileAndEveryProblemAndWritesNothing() throws Exception {
        Path tflite = resource("hello_world_float.tflite");
        Path dhm = dir.resolve("float.dhm");

        assertThatThrownBy(() -> call(tflite.toString(), "-o", dhm.toString()))
                .isInstanceOf(UnsupportedTfliteModelException.class)
                .hasMessageStartingWith("hello_world_float.tflite: the model uses 12 things Downhill cannot import");
        assertThat(dhm).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    /** Through the whole CLI the list is one line: the colon introduces the items, "; " separates them. */
    @Test
    void theRefusalPrintsAsOneLineListingEveryProblem() throws Exception {
        Path tflite = resource("hello_world_float.tflite");
        int exit = Main.run(new String[] {"import-tflite", tflite.toString(), "--out", dir.resolve("f.dhm").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isNotZero();
        String line = err.toString().strip();
        assertThat(line).doesNotContain("\n").doesNotContain(":;")
                .matches("downhill: .*hello_world_float\\.tflite: the model uses 12 things Downhill cannot import \\(.*"
                        + "edges\\): - tensor 0 .*")
                .contains("; - tensor 4 ");
    }

    @Test
    void aTruncatedFileIsAFormatErrorWithItsByteOffset() throws Exception {
        Path tflite = dir.resolve("cut.tflite");
        Files.write(tflite, Arrays.copyOf(Files.readAllBytes(resource("hello_world_int8.tflite")), 1200));

        assertThatThrownBy(() -> call(tflite.toString(), "-o", dir.resolve("cut.dhm").toString()))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageStartingWith("cut.tflite: corrupt TFLite file: Model.")
                .hasMessageContaining("(at byte ");
        assertThat(dir.resolve("cut.dhm")).doesNotExist();
    }

    @Test
    void aMissingInputFileIsAUsageError() {
        int exit = command().execute(dir.resolve("nope.tflite").toString(), "--out", dir.resolve("x.dhm").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("cannot read " + dir.resolve("nope.tflite") + ": no such file");
    }

    @Test
    void theOutputOptionIsRequired() {
        int exit = command().execute("model.tflite");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--out=M.dhm'");
    }
}

package dev.downhill.trainer.cli;

import static dev.downhill.trainer.cli.QuantizerCliFixture.assertOneLineError;
import static dev.downhill.trainer.cli.QuantizerCliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.downhill.trainer.cli.QuantizerCliFixture.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    static Path shared;
    static Path dhm;

    @TempDir
    Path dir;

    @BeforeAll
    static void quantize() {
        dhm = QuantizerCliFixture.quantizedDigits(shared);
    }

    @Test
    void printsLayersSizesAndTheMeasuredAccuracy() throws IOException {
        Run r = run("inspect", dhm.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("task: classify, classes: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9")
                .contains("input: 64 features").contains("raw integer input stage")
                .contains("0 FULLY_CONNECTED    64 -> 16   RELU").contains("1 FULLY_CONNECTED    16 -> 10   NONE")
                .contains("2 SOFTMAX").contains("MACs per inference: 1184")
                .contains("requantisation: double rounding (bit-exact with TensorFlow Lite Micro and TensorFlow Lite 2.2.0's"
                        + " interpreter)")
                .contains("flash: " + Files.size(dhm) + " bytes")
                .contains("accuracy on bundled:digits-test (360 samples)");
    }

    @Test
    void jsonIsTheModelCard() throws IOException {
        Run r = run("inspect", "--json", dhm.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode printed = new ObjectMapper().readTree(r.out());
        JsonNode saved = new ObjectMapper().readTree(QuantizeCommand.cardPath(dhm).toFile());
        assertThat(printed).isEqualTo(saved);
    }

    @Test
    void aCardForOtherBytesIsNotTrusted() throws IOException {
        Path copy = dir.resolve("digits.dhm");
        Files.copy(dhm, copy);
        Files.writeString(dir.resolve("digits.dhm.json"), "{\"model\":{\"sha256\":\"00\"},\"accuracy\":{\"data\":\"x\"}}");
        Run r = run("inspect", copy.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("accuracy: not measured");
    }

    @Test
    void truncatedModelIsOneLine() throws IOException {
        Path bad = dir.resolve("cut.dhm");
        byte[] b = Files.readAllBytes(dhm);
        Files.write(bad, java.util.Arrays.copyOf(b, b.length / 2));
        assertOneLineError(run("inspect", bad.toString()), ExitCodes.FAILED, "cut.dhm: not a valid .dhm model:");
    }

    @Test
    void aFloatModelDirectoryIsNamedAsSuch() throws IOException {
        Path floatDir = dir.resolve("float-dir");
        Files.createDirectories(floatDir);
        Files.writeString(floatDir.resolve("model.json"), "{}");
        assertOneLineError(run("inspect", floatDir.toString()), ExitCodes.FAILED, floatDir + ": is a directory; "
                + "expected a .dhm file written by 'downhill quantize' (this one holds a float model from "
                + "'downhill train')");
    }
}

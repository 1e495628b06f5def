package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, messages and outputs of {@code downhill demo}, through the real command line. */
class DemoCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void runsTheWholeStoryAndWritesEveryFile() throws Exception {
        Path demo = dir.resolve("demo");
        // Fewer epochs and one pass keep the test short; the pipeline is the same.
        int code = run("demo", "--out", demo.toString(), "--epochs", "8", "--passes", "1", "--drift", "dead-inputs",
                "--reboot-at", "300", "-q");
        assertThat(code).as(err.toString()).isZero();
        for (String f : new String[] {"model.json", "train-log.csv", "loss.png", "model.dhm", "model.dhm.json",
            "DemoModel.java", "board.log", "frozen-vs-adaptive.png", "report.md",
            // The other drifts, played with the same model.
            "frozen-vs-adaptive-gain-offset.png", "frozen-vs-adaptive-pixel-shift.png", "board-gain-offset.log",
            "board-pixel-shift.log"}) {
            assertThat(demo.resolve(f)).as(f).isRegularFile();
        }
        BufferedImage plot = ImageIO.read(demo.resolve("frozen-vs-adaptive.png").toFile());
        assertThat(plot.getWidth()).isEqualTo(900);
        String report = Files.readString(demo.resolve("report.md"));
        assertThat(report).contains("The board played 360 samples. From sample 120 the sensor drifted: dead-inputs.")
                .contains("At sample 300 the board was power-cycled");
        String log = Files.readString(demo.resolve("board.log"), StandardCharsets.US_ASCII);
        assertThat(log).contains("*** the sensor drifts: dead-inputs ***").contains("restored adapted state #");
        assertThat(Files.readString(demo.resolve("DemoModel.java"))).contains("public final class DemoModel");
        assertThat(Files.readString(demo.resolve("board-pixel-shift.log"), StandardCharsets.US_ASCII))
                .contains("*** the sensor drifts: pixel-shift ***");
        assertThat(report).contains("## Every drift, one model").contains("| dead-inputs |").contains("| pixel-shift |")
                .contains("| gain-offset: gain 0.8, offset +1 |");
        // Trained and quantised once, however many drifts are played.
        assertThat(out.toString()).containsOnlyOnce("== 1/4 train").containsOnlyOnce("== 2/4 quantise")
                .contains("== 4/4 play the board").contains("clean sensor before the drift");
        // The console table: the chosen drift first, then the others, each with a verdict line.
        String console = out.toString();
        assertThat(console.indexOf("\ndead-inputs  ")).isPositive().isLessThan(console.indexOf("\ngain-offset: gain 0.8"));
        assertThat(console.indexOf("\ngain-offset: gain 0.8")).isLessThan(console.indexOf("\npixel-shift  "));
        assertThat(console).contains("\n  dead-inputs  ").contains("\n  gain-offset  ").contains("\n  pixel-shift  ");
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertThat(run("demo", "--drift", "fog", "--out", dir.resolve("x").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--drift must be gain-offset, pixel-shift, dead-inputs or none, got 'fog'");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void boardSettingsAreCheckedByTheBoardsParser() {
        assertThat(run("demo", "--label-every", "0", "--out", dir.resolve("y").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--label-every must be 1..1000000, found 0");
    }

    @Test
    void anOutputPathThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThat(run("demo", "--out", file.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains(file + ": exists and is not a directory");
    }
}

package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, messages and outputs of {@code downhill landscape}. */
class LandscapeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void classicDrawsOnePanelPerPicture() throws Exception {
        Path png = dir.resolve("saddle.png");
        assertThat(run("landscape", "--classic", "saddle", "--out", png.toString())).as(err.toString()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(620);
        assertThat(out.toString()).contains("(1 panel)");
    }

    @Test
    void modelSurfaceRetrainsAndDrawsTwoPlanes() throws Exception {
        Path model = dir.resolve("model");
        assertThat(run("train", "--data", "bundled:iris-train", "--label", "label", "--hidden", "8", "--epochs", "5",
                "--out", model.toString(), "-q")).as(err.toString()).isZero();
        Path png = dir.resolve("landscape.png");
        assertThat(run("landscape", "--model", model.toString(), "--data", "bundled:iris-train", "--resolution", "7",
                "--out", png.toString(), "-q")).as(err.toString()).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1240);
        // Same data, split and seed as model.json: the retrained path ends exactly on the saved model.
        assertThat(out.toString()).contains("the retrained network is 0.0% (relative L2) from the saved one");
    }

    @Test
    void usageErrors() {
        assertThat(run("landscape", "--out", dir.resolve("a.png").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("give either --classic [NAME] or --model DIR --data FILE");
        assertThat(run("landscape", "--classic", "banana")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--classic: unknown classic landscape 'banana'");
        assertThat(run("landscape", "--model", "m")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--model needs --data FILE");
        assertThat(dir.resolve("a.png")).doesNotExist();
    }
}

package dev.downhill.trainer.plot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.trainer.landscape.ContourLines;
import dev.downhill.trainer.landscape.DescentPath;
import dev.downhill.trainer.landscape.HeightGrid;
import dev.downhill.trainer.landscape.LandscapeView;
import dev.downhill.trainer.landscape.Valley;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandscapePlotTest {

    @TempDir
    Path dir;

    private static LandscapeView view() {
        HeightGrid grid = HeightGrid.sample(new Valley(10)::value, -5, 5, -2, 2, 60, 40);
        DescentPath path = new DescentPath("path", new double[] {-4, -2, 0}, new double[] {1.5, -1, 0}, false);
        return new LandscapeView("Valley", "x", "y", grid, ContourLines.levels(grid, 8), List.of(path), new double[] {0, 0});
    }

    @Test
    void writesAPngOfPanelsSideBySideAndNoTemporaryFile() throws Exception {
        Path out = dir.resolve("landscape.png");
        LandscapePlot.writePng(List.of(view(), view(), view()), 2, 300, 200, out);
        BufferedImage image = ImageIO.read(out.toFile());
        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(image.getHeight()).isEqualTo(400);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("landscape.png");
        }
        // The first path is drawn in red: some pixels of the first panel must be strongly red.
        int red = 0;
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80) {
                    red++;
                }
            }
        }
        assertThat(red).isGreaterThan(50);
    }

    @Test
    void aPathLeavingTheWindowIsCutAtTheBorder() {
        double[][] inside = LandscapePlot.insideWindow(new double[] {0, 1, 4, 5}, new double[] {0, 0, 0, 0}, -2, 2, -1, 1);
        assertThat(inside[0]).containsExactly(0, 1, 2);
        assertThat(inside[1]).containsExactly(0, 0, 0);
        double[][] whole = LandscapePlot.insideWindow(new double[] {0, 1}, new double[] {0, 0.5}, -2, 2, -1, 1);
        assertThat(whole[0]).containsExactly(0, 1);
    }

    @Test
    void paletteRunsFromDarkToLight() {
        assertThat(LandscapePlot.paletteColour(0).getRGB() & 0xffffff).isEqualTo(0x440154);
        assertThat(LandscapePlot.paletteColour(1).getRGB() & 0xffffff).isEqualTo(0xd8e219);
    }
}

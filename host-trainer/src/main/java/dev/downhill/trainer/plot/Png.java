package dev.downhill.trainer.plot;

import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Renders an XChart chart to a PNG file without a display (headless AWT), atomically. */
final class Png {
    static {
        // Must be set before AWT initialises; harmless when a display exists.
        System.setProperty("java.awt.headless", "true");
    }

    private Png() {
    }

    static void write(Chart<?, ?> chart, Path file) {
        byte[] bytes;
        try {
            bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new DownhillException(file + ": cannot render plot: " + e.getMessage(), e);
        }
        AtomicFileWriter.write(file, bytes);
    }
}

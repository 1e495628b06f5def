package dev.downhill.trainer.adapt;

import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The adapt.png chart: the evaluation score versus labelled samples seen, for frozen, fixed-point adaptive and float
 * reference. A classifier's score is its accuracy (0..100%, higher is better), a regression model's its mean absolute
 * error in the target's units (from 0, lower is better: the axis says so).
 */
public final class AdaptationPlot {

    private AdaptationPlot() {
    }

    /** Builds the chart. */
    public static XYChart chart(List<AdaptationRun.Point> points, String title) {
        double[] x = new double[points.size()];
        double[] frozen = new double[points.size()];
        double[] fixed = new double[points.size()];
        double[] reference = new double[points.size()];
        boolean regression = points.get(0).frozen().isRegression();
        double percent = regression ? 1 : 100;
        for (int i = 0; i < points.size(); i++) {
            AdaptationRun.Point p = points.get(i);
            x[i] = p.seen();
            frozen[i] = percent * p.frozen().headline();
            fixed[i] = percent * p.fixedPoint().headline();
            reference[i] = percent * p.floatReference().headline();
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("labelled samples seen")
                .yAxisTitle(regression ? "mean absolute error, target units (lower is better)"
                        : "accuracy on evaluation rows (%)").build();
        chart.getStyler().setYAxisMin(0.0).setMarkerSize(4);
        if (!regression) {
            chart.getStyler().setYAxisMax(100.0);
        }
        chart.addSeries("frozen int8 model", x, frozen);
        chart.addSeries("fixed-point adaptive (device)", x, fixed);
        chart.addSeries("float reference", x, reference);
        return chart;
    }

    /** Renders the chart to a PNG, headless, through a temporary file and an atomic rename. */
    public static void write(List<AdaptationRun.Point> points, String title, Path file) {
        System.setProperty("java.awt.headless", "true");
        byte[] bytes;
        try {
            bytes = BitmapEncoder.getBitmapBytes(chart(points, title), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new DownhillException(file + ": cannot render plot: " + e.getMessage(), e);
        }
        AtomicFileWriter.write(file, bytes);
    }
}

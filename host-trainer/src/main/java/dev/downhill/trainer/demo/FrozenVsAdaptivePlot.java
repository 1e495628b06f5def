package dev.downhill.trainer.demo;

import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.io.AtomicFileWriter;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code frozen-vs-adaptive.png}: rolling accuracy of the frozen model, the adaptive fixed-point model
 * and the float reference against samples seen, with the drift onset (and the simulated reboot) marked.
 */
public final class FrozenVsAdaptivePlot {

    private static final Color FROZEN = new Color(0x88, 0x88, 0x88);
    private static final Color ADAPTIVE = new Color(0xd6, 0x27, 0x28);
    private static final Color FLOAT = new Color(0x1f, 0x77, 0xb4);

    private FrozenVsAdaptivePlot() {
    }

    /** The chart for {@code trace}, rolling accuracy over {@code window} samples. */
    public static XYChart chart(ScenarioTrace trace, int window, String title, int width, int height) {
        if (trace.size() == 0) {
            throw new IllegalArgumentException("no samples to plot");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("samples seen").yAxisTitle("rolling accuracy over " + window + " samples (%)").build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xe6, 0xe6, 0xe6));
        s.setLegendPosition(Styler.LegendPosition.InsideSW);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setYAxisMax(100.0);
        s.setXAxisTickMarkSpacingHint(90);
        s.setXAxisMin(0.0);
        s.setXAxisMax((double) trace.size());
        s.setXAxisDecimalPattern("0");
        s.setYAxisDecimalPattern("0");
        s.setMarkerSize(0);
        s.setAntiAlias(true);

        double[] x = new double[trace.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        double[] frozen = trace.rollingPercent(ScenarioTrace.FROZEN, window);
        double[] floatRef = trace.rollingPercent(ScenarioTrace.FLOAT_REFERENCE, window);
        double[] adaptive = trace.rollingPercent(ScenarioTrace.ADAPTIVE, window);
        // The y axis starts a little below the lowest curve (in steps of 10 %), so small gaps stay visible.
        double low = Math.min(min(frozen), Math.min(min(floatRef), min(adaptive)));
        double yMin = Math.max(0, Math.floor(low / 10) * 10 - 10);
        s.setYAxisMin(yMin);
        line(chart, "frozen (int8, never changes)", x, frozen, FROZEN, 2.2f);
        line(chart, "float reference (same steps in double)", x, floatRef, FLOAT, 1.6f);
        line(chart, "adaptive (int8 + fixed-point steps)", x, adaptive, ADAPTIVE, 2.2f);
        marker(chart, "sensor drifts", trace.driftAt(), yMin, new Color(0x33, 0x33, 0x33));
        if (trace.rebootAt() > 0 && trace.rebootAt() < trace.size()) {
            marker(chart, "power cycle (state restored)", trace.rebootAt(), yMin, new Color(0x99, 0x66, 0x00));
        }
        return chart;
    }

    /** Writes the chart as a PNG, atomically. */
    public static void write(ScenarioTrace trace, int window, String title, Path out) {
        XYChart chart = chart(trace, window, title, 900, 480);
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new DownhillException(out + ": cannot render plot: " + e.getMessage(), e);
        }
        AtomicFileWriter.write(out, png);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color colour, float width) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineWidth(width);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }

    private static void marker(XYChart chart, String name, int at, double yMin, Color colour) {
        XYSeries s = chart.addSeries(name, new double[] {at, at}, new double[] {yMin, 100});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    }
}

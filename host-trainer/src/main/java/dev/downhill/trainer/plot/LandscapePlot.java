package dev.downhill.trainer.plot;

import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.io.AtomicFileWriter;
import dev.downhill.trainer.landscape.ContourLines;
import dev.downhill.trainer.landscape.DescentPath;
import dev.downhill.trainer.landscape.HeightGrid;
import dev.downhill.trainer.landscape.LandscapeView;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws loss landscapes as iso-lines (dark = low, light = high) with optimiser paths on top, one XChart
 * panel per {@link LandscapeView}, several panels side by side in one PNG. Rendering is headless.
 */
public final class LandscapePlot {

    static {
        // Must be set before AWT initialises (as plot.Png does); harmless when a display exists.
        System.setProperty("java.awt.headless", "true");
    }

    /* IMPLEMENTATION NOTES
     * Iso-lines rather than a heat map: XChart's heat map is a chart type of its own and cannot carry line
     * series, and lines leave the paths readable. Each level is one series whose segments are separated
     * by NaN (XChart lifts the pen there). The palette runs from dark blue-violet at the floor to pale
     * yellow on the walls; paths use saturated colours that do not appear in it. */

    private static final Color[] PALETTE = {
        new Color(0x44, 0x01, 0x54), new Color(0x3b, 0x52, 0x8b), new Color(0x21, 0x90, 0x8d),
        new Color(0x5d, 0xc8, 0x63), new Color(0xd8, 0xe2, 0x19)};
    private static final Color[] PATH_COLOURS = {
        new Color(0xe4, 0x1a, 0x1c), Color.BLACK, new Color(0xff, 0x33, 0xcc), new Color(0x00, 0x66, 0xff)};

    private static final int MAX_POINTS_WITH_MARKERS = 80;

    private LandscapePlot() {
    }

    /** One panel as an XChart chart of the given size in pixels. */
    public static XYChart chart(LandscapeView view, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(view.title())
                .xAxisTitle(view.xLabel()).yAxisTitle(view.yLabel()).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesVisible(false);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 210));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        s.setAntiAlias(true);
        HeightGrid grid = view.grid();
        double[] xs = grid.xs();
        double[] ys = grid.ys();
        s.setXAxisMin(xs[0]);
        s.setXAxisMax(xs[xs.length - 1]);
        s.setYAxisMin(ys[0]);
        s.setYAxisMax(ys[ys.length - 1]);
        s.setXAxisDecimalPattern("0.##");
        s.setYAxisDecimalPattern("0.##");

        double[] levels = view.levels();
        for (int k = 0; k < levels.length; k++) {
            ContourLines lines = ContourLines.trace(grid, levels[k]);
            if (lines.segmentCount() == 0) {
                continue;
            }
            XYSeries series = chart.addSeries("level " + k, lines.xs(), lines.ys());
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(paletteColour(levels.length == 1 ? 0 : (double) k / (levels.length - 1)));
            series.setLineWidth(1.2f);
            series.setShowInLegend(false);
        }
        if (view.minimum() != null) {
            XYSeries min = chart.addSeries(view.minimumLabel(), new double[] {view.minimum()[0]}, new double[] {view.minimum()[1]});
            min.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            min.setMarker(SeriesMarkers.DIAMOND);
            min.setMarkerColor(new Color(0x22, 0x22, 0x22));
        }
        List<DescentPath> paths = view.paths();
        for (int p = 0; p < paths.size(); p++) {
            DescentPath path = paths.get(p);
            String label = path.diverged() ? path.label() + " (diverged)" : path.label();
            double[][] inside = insideWindow(path.xs(), path.ys(), xs[0], xs[xs.length - 1], ys[0], ys[ys.length - 1]);
            XYSeries series = chart.addSeries(label, inside[0], inside[1]);
            Color c = PATH_COLOURS[p % PATH_COLOURS.length];
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setLineColor(c);
            series.setMarkerColor(c);
            // Dots show the step size; on long runs they would hide the line, so only short runs get them.
            series.setMarker(path.size() <= MAX_POINTS_WITH_MARKERS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            series.setLineWidth(1.8f);
            series.setLineStyle(new BasicStroke(1.8f));
        }
        s.setMarkerSize(4);
        return chart;
    }

    /** Panels laid out {@code columns} wide, each {@code panelWidth × panelHeight} pixels. */
    public static BufferedImage render(List<LandscapeView> views, int columns, int panelWidth, int panelHeight) {
        if (views.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("need at least one panel and one column");
        }
        int cols = Math.min(columns, views.size());
        int rows = (views.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * panelWidth, rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < views.size(); i++) {
                BufferedImage panel = BitmapEncoder.getBufferedImage(chart(views.get(i), panelWidth, panelHeight));
                g.drawImage(panel, (i % cols) * panelWidth, (i / cols) * panelHeight, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes the panels as one PNG, atomically: a reader never sees half a file. */
    public static void writePng(List<LandscapeView> views, int columns, int panelWidth, int panelHeight, Path out) {
        BufferedImage image = render(views, columns, panelWidth, panelHeight);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new DownhillException(out + ": no PNG writer available");
            }
        } catch (IOException e) {
            throw new DownhillException(out + ": cannot render plot: " + e.getMessage(), e);
        }
        AtomicFileWriter.write(out, png.toByteArray());
    }

    /** Palette colour at {@code t} in [0, 1], interpolated between the anchors. */
    static Color paletteColour(double t) {
        double u = Math.max(0, Math.min(1, t)) * (PALETTE.length - 1);
        int i = Math.min((int) u, PALETTE.length - 2);
        double f = u - i;
        Color a = PALETTE[i];
        Color b = PALETTE[i + 1];
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
    }

    /**
     * The part of a path inside the window: XChart does not clip lines at the plot border, so a diverging
     * path is cut where it first leaves the window, ending on the border.
     */
    static double[][] insideWindow(double[] xs, double[] ys, double xMin, double xMax, double yMin, double yMax) {
        int n = 1;
        double endX = xs[0];
        double endY = ys[0];
        boolean cut = false;
        for (; n < xs.length; n++) {
            if (xs[n] < xMin || xs[n] > xMax || ys[n] < yMin || ys[n] > yMax) {
                // Walk back along the segment to the border: the largest t in [0, 1] that stays inside.
                double t = 1;
                double dx = xs[n] - xs[n - 1];
                double dy = ys[n] - ys[n - 1];
                if (xs[n] > xMax) {
                    t = Math.min(t, (xMax - xs[n - 1]) / dx);
                }
                if (xs[n] < xMin) {
                    t = Math.min(t, (xMin - xs[n - 1]) / dx);
                }
                if (ys[n] > yMax) {
                    t = Math.min(t, (yMax - ys[n - 1]) / dy);
                }
                if (ys[n] < yMin) {
                    t = Math.min(t, (yMin - ys[n - 1]) / dy);
                }
                t = Math.max(0, t);
                endX = xs[n - 1] + t * dx;
                endY = ys[n - 1] + t * dy;
                cut = true;
                break;
            }
        }
        int size = cut ? n + 1 : n;
        double[] cx = java.util.Arrays.copyOf(xs, size);
        double[] cy = java.util.Arrays.copyOf(ys, size);
        if (cut) {
            cx[n] = endX;
            cy[n] = endY;
        }
        return new double[][] {cx, cy};
    }
}

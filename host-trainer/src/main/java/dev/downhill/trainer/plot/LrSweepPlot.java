package dev.downhill.trainer.plot;

import dev.downhill.trainer.train.LearningRateSweep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code lr-sweep.png}: final training loss after a short run at each learning rate (log scale). Too small a
 * rate crawls (loss stays high), too large a rate bounces or diverges (loss rises or is missing); the
 * suggestion is marked.
 */
public final class LrSweepPlot {
    private LrSweepPlot() {
    }

    public static XYChart chart(LearningRateSweep.Result result, String title) {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title)
                .xAxisTitle("learning rate (log scale)").yAxisTitle("training loss after the short run").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<Double> rates = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (LearningRateSweep.Point p : result.points()) {
            if (!p.diverged()) {
                rates.add(p.rate());
                losses.add(p.loss());
            }
        }
        if (!rates.isEmpty()) {
            XYSeries s = chart.addSeries("final loss", rates, losses);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        if (result.suggestion().isPresent()) {
            LearningRateSweep.Point best = result.suggestion().get();
            XYSeries s = chart.addSeries("suggested " + best.rate(), new double[] {best.rate()},
                    new double[] {best.loss()});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
        }
        return chart;
    }

    public static void write(LearningRateSweep.Result result, String title, Path file) {
        Png.write(chart(result, title), file);
    }
}

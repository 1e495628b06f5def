package dev.downhill.trainer.plot;

import dev.downhill.trainer.train.EpochRecord;
import dev.downhill.trainer.train.TrainLog;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code loss.png}: training and validation loss per epoch, with the learning rate on a second axis, so the
 * effect of the schedule on the descent is visible in one picture.
 */
public final class LossPlot {
    private LossPlot() {
    }

    /** Builds the chart (exposed for tests and other renderers). */
    public static XYChart chart(TrainLog log, String title) {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title)
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "learning rate");
        List<EpochRecord> records = log.records();
        int n = records.size();
        double[] epochs = new double[n];
        double[] train = new double[n];
        double[] rate = new double[n];
        int withValidation = 0;
        for (EpochRecord r : records) {
            if (r.hasValidation()) {
                withValidation++;
            }
        }
        double[] valEpochs = new double[withValidation];
        double[] val = new double[withValidation];
        int v = 0;
        for (int i = 0; i < n; i++) {
            EpochRecord r = records.get(i);
            epochs[i] = r.epoch();
            train[i] = r.trainLoss();
            rate[i] = r.learningRate();
            if (r.hasValidation()) {
                valEpochs[v] = r.epoch();
                val[v++] = r.validationLoss();
            }
        }
        XYSeries t = chart.addSeries("train loss", epochs, train);
        t.setMarker(SeriesMarkers.NONE);
        if (withValidation > 0) {
            chart.addSeries("validation loss", valEpochs, val).setMarker(SeriesMarkers.NONE);
        }
        XYSeries lr = chart.addSeries("learning rate", epochs, rate);
        lr.setYAxisGroup(1);
        lr.setMarker(SeriesMarkers.NONE);
        lr.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        return chart;
    }

    /** Writes the chart as a PNG, atomically. */
    public static void write(TrainLog log, String title, Path file) {
        Png.write(chart(log, title), file);
    }
}

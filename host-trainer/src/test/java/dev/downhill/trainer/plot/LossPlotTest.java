package dev.downhill.trainer.plot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.trainer.train.EpochRecord;
import dev.downhill.trainer.train.LearningRateSweep;
import dev.downhill.trainer.train.TrainLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class LossPlotTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void lossPlotHasTrainValidationAndRateSeries(@TempDir Path dir) throws Exception {
        TrainLog log = new TrainLog(true);
        for (int e = 1; e <= 5; e++) {
            log.add(new EpochRecord(e, 0.01 / e, 2.0 / e, 2.5 / e, 0.5, 0.01));
        }
        XYChart chart = LossPlot.chart(log, "t");
        assertThat(chart.getSeriesMap()).containsOnlyKeys("train loss", "validation loss", "learning rate");
        assertThat(chart.getSeriesMap().get("learning rate").getYAxisGroup()).isEqualTo(1);
        Path png = dir.resolve("loss.png");
        LossPlot.write(log, "t", png);
        assertThat(Files.readAllBytes(png)).startsWith(PNG_MAGIC);
    }

    @Test
    void sweepPlotSkipsDivergedRatesAndMarksTheSuggestion(@TempDir Path dir) throws Exception {
        LearningRateSweep.Point ok = new LearningRateSweep.Point(0.01, 0.5, false);
        LearningRateSweep.Result r = new LearningRateSweep.Result(List.of(
                new LearningRateSweep.Point(0.001, 1.0, false), ok, new LearningRateSweep.Point(1, Double.NaN, true)),
                Optional.of(ok));
        XYChart chart = LrSweepPlot.chart(r, "t");
        assertThat(chart.getSeriesMap().get("final loss").getXData()).hasSize(2);
        assertThat(chart.getSeriesMap()).containsKey("suggested 0.01");
        Path png = dir.resolve("lr-sweep.png");
        LrSweepPlot.write(r, "t", png);
        assertThat(Files.readAllBytes(png)).startsWith(PNG_MAGIC);
    }
}

package dev.downhill.trainer.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class AdaptationPlotTest {

    private static AdaptationRun.Point point(int seen, AdaptationRun.Score frozen, AdaptationRun.Score fixed,
                                             AdaptationRun.Score reference) {
        return new AdaptationRun.Point(seen, frozen, fixed, reference, seen, 0, 0, 0);
    }

    @Test
    void aRegressionChartPlotsMeanAbsoluteErrorAndSaysLowerIsBetter() {
        AdaptationRun.Score frozen = AdaptationRun.Score.errors(5, 6);
        XYChart chart = AdaptationPlot.chart(List.of(point(0, frozen, frozen, AdaptationRun.Score.errors(4.5, 5)),
                point(10, frozen, AdaptationRun.Score.errors(2, 3), AdaptationRun.Score.errors(1.5, 2))), "t");
        assertThat(chart.getYAxisTitle()).contains("mean absolute error").contains("lower is better");
        assertThat(chart.getSeriesMap().get("fixed-point adaptive (device)").getYData()).containsExactly(5.0, 2.0);
        assertThat(chart.getSeriesMap().get("float reference").getYData()).containsExactly(4.5, 1.5);
        assertThat(chart.getStyler().getYAxisMax()).isNull();
    }

    @Test
    void aClassifierChartPlotsAccuracyInPercent() {
        AdaptationRun.Score frozen = AdaptationRun.Score.accuracy(0.5);
        XYChart chart = AdaptationPlot.chart(List.of(point(0, frozen, frozen, frozen),
                point(10, frozen, AdaptationRun.Score.accuracy(0.75), AdaptationRun.Score.accuracy(0.8))), "t");
        assertThat(chart.getYAxisTitle()).startsWith("accuracy");
        assertThat(chart.getSeriesMap().get("fixed-point adaptive (device)").getYData()).containsExactly(50.0, 75.0);
        assertThat(chart.getStyler().getYAxisMax()).isEqualTo(100.0);
    }
}

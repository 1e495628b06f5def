package dev.downhill.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.trainer.optim.OptimizerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateSweepTest {
    @Test
    void logSpacedRates() {
        assertThat(LearningRateSweep.logSpaced(1e-4, 1, 5)).containsExactly(1e-4, 1e-3, 1e-2, 0.1, 1.0);
        assertThat(LearningRateSweep.logSpaced(1e-3, 1e-1, 3)).containsExactly(1e-3, 1e-2, 1e-1);
    }

    @Test
    void suggestsTheLowestLossBackingOffFromTheEdgeOfDivergence() {
        LearningRateSweep.Point a = new LearningRateSweep.Point(0.001, 2.0, false);
        LearningRateSweep.Point b = new LearningRateSweep.Point(0.01, 0.5, false);
        LearningRateSweep.Point c = new LearningRateSweep.Point(0.1, 0.3, false);
        LearningRateSweep.Point d = new LearningRateSweep.Point(1, Double.NaN, true);
        assertThat(LearningRateSweep.suggest(List.of(a, b, c))).contains(c);
        assertThat(LearningRateSweep.suggest(List.of(a, b, c, d))).contains(b);
        assertThat(LearningRateSweep.suggest(List.of(d))).isEmpty();
    }

    @Test
    void sweepOnIrisFindsThatTinyRatesCrawlAndHugeRatesFail() {
        TrainingConfig base = TrainingConfig.builder().hidden(8).optimizer(OptimizerKind.SGD).epochs(2).batchSize(16)
                .seed(1).build();
        double[] rates = {1e-4, 0.1, 1e3};
        LearningRateSweep.Result r = LearningRateSweep.run(TrainingFixtures.iris()[0], base, rates,
                TrainingListener.NONE);
        assertThat(r.points()).hasSize(3);
        assertThat(r.points().get(1).loss()).isLessThan(r.points().get(0).loss());
        assertThat(r.points().get(2).diverged()).isTrue();
        assertThat(r.suggestion()).isPresent();
    }
}

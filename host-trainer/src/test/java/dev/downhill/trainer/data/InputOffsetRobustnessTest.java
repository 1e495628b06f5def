package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.trainer.train.Trainer;
import dev.downhill.trainer.train.TrainingConfig;
import dev.downhill.trainer.train.TrainingListener;
import dev.downhill.trainer.train.TrainingResult;
import dev.downhill.trainer.train.ValidationMetrics;
import org.junit.jupiter.api.Test;

/**
 * Why {@code global} is the default standardisation (docs/trainer.md): a digits model trained with per-feature
 * statistics collapses when every raw input is shifted by +1 (near-constant border pixels have tiny deviations,
 * so +1 becomes a shift of up to ~40 standard units), while a globally standardised model barely notices.
 */
class InputOffsetRobustnessTest {
    private static final Dataset TRAIN = DatasetReader.forTraining(CsvTable.read(DataSource.of("bundled:digits-train")),
            "label", Task.CLASSIFY);
    private static final Dataset TEST = DatasetReader.matching(CsvTable.read(DataSource.of("bundled:digits-test")),
            "label", Task.CLASSIFY, TRAIN.featureNames(), TRAIN.labels());

    private static double[] cleanAndShiftedAccuracy(StandardizationMode mode, double floor) {
        Standardizer s = Standardizer.fit(TRAIN, mode, floor);
        Examples train = Examples.of(TRAIN, s, TargetScaling.IDENTITY);
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(20).seed(1).build())
                .train(train, null, TrainingListener.NONE);
        return new double[] {accuracy(r, Examples.of(TEST, s, TargetScaling.IDENTITY)),
            accuracy(r, Examples.of(TEST.shifted(1), s, TargetScaling.IDENTITY))};
    }

    private static double accuracy(TrainingResult r, Examples test) {
        return ValidationMetrics.compute(r.network(), test, dev.downhill.trainer.nn.Loss.forExamples(test),
                new dev.downhill.trainer.nn.BatchBuffers(r.network(), 64), 1).metric();
    }

    @Test
    void globalStandardisationSurvivesAnInputOffsetThatBreaksPerFeature() {
        double[] global = cleanAndShiftedAccuracy(StandardizationMode.GLOBAL, 0);
        double[] perFeature = cleanAndShiftedAccuracy(StandardizationMode.PER_FEATURE, 0);
        assertThat(global[0]).isGreaterThan(0.95);
        assertThat(perFeature[0]).isGreaterThan(0.94);
        assertThat(global[1]).isGreaterThan(0.93);
        assertThat(perFeature[1]).isLessThan(0.6);
    }
}

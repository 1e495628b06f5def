package dev.downhill.trainer.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.downhill.runtime.Model;
import dev.downhill.trainer.data.TargetScaling;
import org.junit.jupiter.api.Test;

class LabelsTest {

    /** Output scale 0.05, zero point 10; with target scaling (100, 20) one int8 step is 1 target unit. */
    private static final Model REGRESSOR = SmallModels.regressor(5);
    private static final TargetScaling SCALING = new TargetScaling(100, 20);

    @Test
    void targetsReachTheDeviceStandardisedThenQuantisedToTheOutputsInt8Units() {
        Labels y = Labels.targets(new double[] {100, 101, 99.4, 218, -50, 217.4, 80.6}, REGRESSOR, SCALING);
        assertThat(y.isRegression()).isTrue();
        assertThat(y.size()).isEqualTo(7);
        byte[] int8 = new byte[7];
        for (int i = 0; i < 7; i++) {
            int8[i] = y.int8Target(i);
        }
        // (t - 100) / 20 / 0.05 + 10, rounded, saturated: 218 is 128 steps up, -50 is -140
        assertThat(int8).containsExactly(10, 11, 9, 127, -128, 127, -9);
        assertThat(y.saturatedTargets()).isEqualTo(2);
        assertThat(y.firstSaturatedTarget()).isEqualTo(3);
        assertThat(y.lowestTarget()).isCloseTo(-38, within(1e-4));
        assertThat(y.highestTarget()).isCloseTo(217, within(1e-4));
    }

    @Test
    void targetsWithinTheOutputsRangeAreNotCountedAsSaturated() {
        Labels y = Labels.targets(new double[] {-38, 217, 0, 150}, REGRESSOR, SCALING);
        assertThat(y.saturatedTargets()).isZero();
        assertThat(y.firstSaturatedTarget()).isEqualTo(-1);
    }

    @Test
    void regressionIsScoredByMeanAbsoluteAndRootMeanSquareErrorInTheTargetsUnits() {
        Labels y = Labels.targets(new double[] {1, 2, 3}, REGRESSOR, SCALING);
        AdaptationRun.Score s = y.score(new double[] {2, 2, 5});
        assertThat(s.isRegression()).isTrue();
        assertThat(s.meanAbsoluteError()).isEqualTo(1.0);
        assertThat(s.rootMeanSquareError()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
        assertThat(s.headline()).isEqualTo(1.0);
        assertThat(s.accuracy()).isNaN();
    }

    @Test
    void classesAreScoredByAccuracy() {
        Labels y = Labels.classes(new int[] {0, 1, 2});
        AdaptationRun.Score s = y.score(new double[] {0, 1, 1});
        assertThat(y.isRegression()).isFalse();
        assertThat(s.isRegression()).isFalse();
        assertThat(s.accuracy()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(s.headline()).isEqualTo(s.accuracy());
        assertThat(s.meanAbsoluteError()).isNaN();
        assertThat(y.saturatedTargets()).isZero();
    }

    @Test
    void targetsNeedOneOutputFromAFullyConnectedLastLayer() {
        assertThatThrownBy(() -> Labels.targets(new double[] {1}, SmallModels.classifier(3), SCALING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one output");
    }
}

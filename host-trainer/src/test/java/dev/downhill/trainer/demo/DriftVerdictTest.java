package dev.downhill.trainer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.trainer.demo.DriftVerdict.Kind;
import org.junit.jupiter.api.Test;

class DriftVerdictTest {

    private static DriftVerdict verdict(String drift, int clean, int frozen, int adaptiveEarly, int adaptiveLate) {
        return DriftVerdict.of(SyntheticRuns.run(drift, clean, frozen, adaptiveEarly, adaptiveLate, adaptiveLate));
    }

    @Test
    void aDriftTheFrozenModelAbsorbsNeedsNoAdaptation() {
        DriftVerdict v = verdict("gain-offset", 97, 98, 96, 97);
        assertThat(v.kind()).isEqualTo(Kind.ROBUST);
        // The guards are judged over the whole drift: 98 % frozen against 96.25 % adaptive (three quarters at 96, one at 97).
        assertThat(v.text()).isEqualTo("frozen model already robust (97.0% clean, 98.0% late in the drift): "
                + "adaptation not needed (guards kept it within 1.7 points)");
    }

    @Test
    void adaptationThatDragsARobustModelDownIsCalledOut() {
        DriftVerdict v = verdict("gain-offset", 97, 97, 90, 92);
        assertThat(v.kind()).isEqualTo(Kind.ROBUST_BUT_ADAPTATION_COST);
        assertThat(v.text()).contains("but adaptation cost 6.5 points");
    }

    @Test
    void aLossWonBackIsRecovery() {
        DriftVerdict v = verdict("dead-inputs", 97, 73, 80, 90);
        assertThat(v.kind()).isEqualTo(Kind.RECOVERS);
        assertThat(v.text()).isEqualTo("adaptation recovers 17.0 of 24.0 lost points (frozen 73.0%, adaptive 90.0%)");
    }

    @Test
    void aFewPointsOfAGreatLossAreNotRecovery() {
        DriftVerdict v = verdict("pixel-shift", 97, 53, 54, 56);
        assertThat(v.kind()).isEqualTo(Kind.CANNOT_FIX);
        assertThat(v.text()).startsWith("cheap adaptation cannot fix this: it recovers 3.0 of 44.0 lost points; "
                + "geometry changed");
        assertThat(verdict("dead-inputs", 97, 57, 60, 62).text())
                .endsWith("the drift changed more than input gains, shifts and biases can undo");
    }

    @Test
    void adaptationBelowAnAlreadyHurtFrozenModelHurts() {
        DriftVerdict v = verdict("dead-inputs", 97, 70, 65, 60);
        assertThat(v.kind()).isEqualTo(Kind.HURTS);
        assertThat(v.text()).isEqualTo("adaptation hurts: 10.0 points below the frozen model, which had already lost 27.0");
    }

    @Test
    void thresholdsAreInclusiveAtTheirNamedValues() {
        // Lost exactly NOISE_POINTS: no longer robust.
        assertThat(verdict("dead-inputs", 97, 94, 94, 94).kind()).isEqualTo(Kind.CANNOT_FIX);
        assertThat(verdict("dead-inputs", 97, 95, 95, 95).kind()).isEqualTo(Kind.ROBUST);
        // Recovered exactly NOISE_POINTS and exactly MIN_RECOVERED_SHARE of the loss: recovery.
        assertThat(verdict("dead-inputs", 97, 85, 85, 88).kind()).isEqualTo(Kind.RECOVERS);
        assertThat(verdict("dead-inputs", 97, 84, 84, 87).kind()).isEqualTo(Kind.CANNOT_FIX);
        assertThat(DriftVerdict.NOISE_POINTS).isEqualTo(3.0);
        assertThat(DriftVerdict.MIN_RECOVERED_SHARE).isEqualTo(0.25);
    }

    @Test
    void onTheDemosOwnModelEachDriftTellsItsLesson() {
        assertThat(DriftVerdict.of(DemoRuns.of(dev.downhill.demo.SensorDrift.GAIN_OFFSET)).kind()).isEqualTo(Kind.ROBUST);
        assertThat(DriftVerdict.of(DemoRuns.of(dev.downhill.demo.SensorDrift.DEAD_INPUTS)).kind())
                .isEqualTo(Kind.RECOVERS);
        assertThat(DriftVerdict.of(DemoRuns.of(dev.downhill.demo.SensorDrift.PIXEL_SHIFT)).kind())
                .isEqualTo(Kind.CANNOT_FIX);
    }
}

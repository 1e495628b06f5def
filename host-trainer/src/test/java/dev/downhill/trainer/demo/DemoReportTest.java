package dev.downhill.trainer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.demo.SensorDrift;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoReportTest {

    /** Main scenario gain-offset (robust), then dead inputs (recovered) and a pixel shift (not fixable). */
    private static DemoOutcome synthetic() {
        List<DriftRun> runs = List.of(SyntheticRuns.run("gain-offset", 95, 96, 94, 95, 95),
                SyntheticRuns.run("dead-inputs", 95, 60, 80, 90, 95), SyntheticRuns.run("pixel-shift", 95, 50, 51, 52, 53));
        return new DemoOutcome("64-32-16-10", 1437, 30, 0.05, 0.11, 0.97, 0.96, 3100, runs, 12.3);
    }

    @Test
    void markdownCarriesTheMainScenariosNumbers() {
        String md = DemoReport.markdown(synthetic());
        assertThat(md).contains("| clean sensor, before the drift | 95.0% | 95.0% | 95.0% |");
        assertThat(md).contains("| drifted sensor, all samples | 96.0% | 94.3% | 95.0% |");
        assertThat(md).contains("From sample 100 the sensor drifted: gain-offset: gain 0.75, offset +2.");
        assertThat(md).contains("restored 12 adaptation steps");
        assertThat(md).contains("20 kept, 3 rolled back");
        assertThat(md).contains("3100 bytes of flash");
        assertThat(md).contains("Verdict: frozen model already robust (95.0% clean, 96.0% late in the drift)");
    }

    @Test
    void markdownComparesEveryDriftWithItsVerdictAndPicture() {
        String md = DemoReport.markdown(synthetic());
        assertThat(md).contains("| gain-offset: gain 0.75, offset +2 | 96.0% | 94.3% | 95.0% | 96.0% | 95.0% | 95.0% "
                + "| 20 | 3 | frozen model already robust");
        assertThat(md).contains("| dead-inputs | 60.0% | 82.5% | 95.0% | 60.0% | 90.0% | 95.0% | 20 | 3 "
                + "| adaptation recovers 30.0 of 35.0 lost points (frozen 60.0%, adaptive 90.0%) "
                + "| `frozen-vs-adaptive-dead-inputs.png` |");
        assertThat(md).contains("| pixel-shift |").contains("cheap adaptation cannot fix this")
                .contains("`frozen-vs-adaptive-pixel-shift.png`");
        assertThat(md).contains("at least 3 points").contains("the last quarter is 100 samples")
                .contains("at least 25% of the lost points back");
        // Why the default drift barely hurts, with the measured per-feature figure.
        assertThat(md).contains("## Why a dimmer, foggier sensor barely hurts")
                .contains("Under gain-offset: gain 0.75, offset +2 the frozen model scores 96.0% on the drifted stream "
                        + "(95.0% before the drift)")
                .contains("per-feature standardisation falls to 27.59%");
    }

    @Test
    void summaryTableHasARowAndAVerdictPerDrift() {
        String table = DemoReport.summaryTable(synthetic());
        assertThat(table.lines()).hasSize(12);
        assertThat(table).contains("gain-offset: gain 0.75, offset +2    96.0%    94.3%   95.0%     96.0%    95.0%   "
                + "95.0%      20       3");
        assertThat(table).contains("dead-inputs                          60.0%    82.5%   95.0%     60.0%    90.0%   "
                + "95.0%      20       3");
        assertThat(table).contains("\n  dead-inputs  adaptation recovers 30.0 of 35.0 lost points");
        assertThat(table).contains("41.5 us per inference, 250.3 us per step (its loss check re-runs the 8 samples of"
                + " its ring), 12.3 s in all");
    }

    @Test
    void onTheDemosOwnModelTheTableShowsThatAdaptationHelpsADeadColumn() {
        String table = DemoReport.summaryTable(DemoRuns.outcome());
        for (String drift : DemoRuns.DRIFTS) {
            assertThat(table.lines().filter(l -> l.startsWith(drift)).count()).as(drift).isEqualTo(1);
            assertThat(table.lines().filter(l -> l.startsWith("  " + drift + "  ")).count()).as(drift + " verdict")
                    .isEqualTo(1);
        }
        assertThat(table).containsPattern("  dead-inputs  adaptation recovers \\d+\\.\\d of \\d+\\.\\d lost points");
        DriftRun dead = DemoRuns.of(SensorDrift.DEAD_INPUTS);
        // The numbers behind that verdict: the last quarter of the dead-column stream.
        assertThat(dead.settled(ScenarioTrace.ADAPTIVE)).isGreaterThan(dead.settled(ScenarioTrace.FROZEN) + 0.1);
        assertThat(DemoReport.markdown(DemoRuns.outcome())).contains("| dead-inputs |")
                .contains("| pixel-shift |").contains("| gain-offset: gain 0.8, offset +1 |");
    }

    @Test
    void anOutcomeNeedsAScenario() {
        assertThatThrownBy(() -> new DemoOutcome("64-10", 1, 1, 0, 0, 1, 1, 1, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one drift scenario");
    }
}

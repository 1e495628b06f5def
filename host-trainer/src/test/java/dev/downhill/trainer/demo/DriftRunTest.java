package dev.downhill.trainer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.demo.BoardOptions;
import dev.downhill.demo.SensorDrift;
import org.junit.jupiter.api.Test;

class DriftRunTest {

    @Test
    void namesTheDriftWithItsParameters() {
        assertThat(SyntheticRuns.run("gain-offset", 95, 90, 90, 90, 90).description())
                .isEqualTo("gain-offset: gain 0.75, offset +2");
        assertThat(DemoRuns.of(SensorDrift.GAIN_OFFSET).description()).isEqualTo("gain-offset: gain 0.8, offset +1");
        DriftRun dead = SyntheticRuns.run("dead-inputs", 95, 90, 90, 90, 90);
        assertThat(dead.name()).isEqualTo("dead-inputs");
        assertThat(dead.description()).isEqualTo("dead-inputs");
        DriftRun gainOne = new DriftRun(BoardOptions.parse(new String[] {"--gain-permille", "1000", "--offset", "-3"}),
                dead.result());
        assertThat(gainOne.description()).isEqualTo("gain-offset: gain 1, offset -3");
    }

    @Test
    void phasesOfTheStream() {
        // Clean 95 %, frozen 60 % after the drift, adaptive 80 % then 90 % in the last quarter (samples 400..499).
        DriftRun r = SyntheticRuns.run("dead-inputs", 95, 60, 80, 90, 70);
        assertThat(r.beforeDrift(ScenarioTrace.ADAPTIVE)).isEqualTo(0.95);
        assertThat(r.afterDrift(ScenarioTrace.ADAPTIVE)).isEqualTo(0.825);
        assertThat(r.settled(ScenarioTrace.ADAPTIVE)).isEqualTo(0.90);
        assertThat(r.settled(ScenarioTrace.FLOAT_REFERENCE)).isEqualTo(0.70);
        assertThat(r.settledSamples()).isEqualTo(100);
    }

    @Test
    void everyScenarioHasItsOwnPictureAndLog() {
        DriftRun dead = SyntheticRuns.run("dead-inputs", 95, 90, 90, 90, 90);
        assertThat(DemoOutcome.picture(0, dead)).isEqualTo("frozen-vs-adaptive.png");
        assertThat(DemoOutcome.picture(1, dead)).isEqualTo("frozen-vs-adaptive-dead-inputs.png");
        assertThat(DemoOutcome.boardLog(0, dead)).isEqualTo("board.log");
        assertThat(DemoOutcome.boardLog(2, dead)).isEqualTo("board-dead-inputs.log");
    }
}

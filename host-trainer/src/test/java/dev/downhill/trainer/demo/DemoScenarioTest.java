package dev.downhill.trainer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.demo.SensorDrift;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {

    @Test
    void playsTheBoardAndTheFloatReferenceOnTheSameSamples() {
        DriftRun run = DemoRuns.of(SensorDrift.DEAD_INPUTS);
        DemoScenario.Result r = run.result();
        ScenarioTrace t = r.trace();
        assertThat(t.size()).isEqualTo(720);
        assertThat(t.driftAt()).isEqualTo(120);
        assertThat(t.rebootAt()).isEqualTo(480);
        // Every labelled sample (one in four) ends in exactly one outcome.
        assertThat(r.stepsKept() + r.stepsRolledBack() + r.labelsSkipped() + r.monitorResets()).isEqualTo(180);
        assertThat(r.restoredSteps()).isPositive();
        // Before any drift and before adaptation has much to do, the float reference agrees with the int8 model
        // on nearly every clean sample.
        assertThat(Math.abs(t.accuracy(ScenarioTrace.FLOAT_REFERENCE, 0, 120) - t.accuracy(ScenarioTrace.FROZEN, 0, 120)))
                .isLessThanOrEqualTo(0.03);
        // A dead column costs the frozen model; adaptation (fixed point and float) wins some of it back.
        assertThat(t.accuracy(ScenarioTrace.FROZEN, 120, 720)).isLessThan(t.accuracy(ScenarioTrace.FROZEN, 0, 120) - 0.1);
        assertThat(t.accuracy(ScenarioTrace.ADAPTIVE, 540, 720)).isGreaterThan(t.accuracy(ScenarioTrace.FROZEN, 540, 720));
        assertThat(t.accuracy(ScenarioTrace.FLOAT_REFERENCE, 540, 720))
                .isGreaterThan(t.accuracy(ScenarioTrace.FROZEN, 540, 720));
        assertThat(r.ramBytes()).isPositive();
        assertThat(r.microsPerInference()).isPositive();
        assertThat(DemoRuns.log(SensorDrift.DEAD_INPUTS)).contains("*** power cycle");
    }

    @Test
    void everyDriftStartsFromTheSameCleanStream() {
        // Same model, same recording, same labels: up to the drift the three scenarios are one and the same run.
        DriftRun first = DemoRuns.all().get(0);
        for (DriftRun r : DemoRuns.all()) {
            for (int i = 0; i < r.trace().driftAt(); i++) {
                assertThat(r.trace().hit(ScenarioTrace.ADAPTIVE, i)).as(r.name() + " sample " + i)
                        .isEqualTo(first.trace().hit(ScenarioTrace.ADAPTIVE, i));
            }
        }
    }
}

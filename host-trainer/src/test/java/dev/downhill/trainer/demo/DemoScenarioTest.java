package dev.downhill.trainer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.demo.BoardOptions;
import dev.downhill.demo.DemoModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {

    @Test
    void playsTheBoardAndTheFloatReferenceOnTheSameSamples() {
        BoardOptions options = BoardOptions.parse(new String[] {"--drift", "dead-inputs", "--passes", "1",
            "--reboot-at", "200", "--label-every", "3"});
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DemoScenario.Result r = DemoScenario.run(DemoModel.bytes(), options, console);
        ScenarioTrace t = r.trace();
        assertThat(t.size()).isEqualTo(360);
        assertThat(t.driftAt()).isEqualTo(120);
        // Every labelled sample (one in three) ends in exactly one outcome.
        assertThat(r.stepsKept() + r.stepsRolledBack() + r.labelsSkipped() + r.monitorResets()).isEqualTo(120);
        assertThat(r.restoredSteps()).isPositive();
        // Before any drift and before adaptation has much to do, the float reference agrees with the int8 model
        // on nearly every clean sample.
        assertThat(Math.abs(t.accuracy(ScenarioTrace.FLOAT_REFERENCE, 0, 120) - t.accuracy(ScenarioTrace.FROZEN, 0, 120)))
                .isLessThanOrEqualTo(0.03);
        // A dead column costs the frozen model; adaptation (fixed point and float) wins some of it back.
        assertThat(t.accuracy(ScenarioTrace.FROZEN, 120, 360)).isLessThan(t.accuracy(ScenarioTrace.FROZEN, 0, 120) - 0.1);
        assertThat(t.accuracy(ScenarioTrace.ADAPTIVE, 240, 360)).isGreaterThan(t.accuracy(ScenarioTrace.FROZEN, 240, 360));
        assertThat(t.accuracy(ScenarioTrace.FLOAT_REFERENCE, 240, 360))
                .isGreaterThan(t.accuracy(ScenarioTrace.FROZEN, 240, 360));
        assertThat(r.ramBytes()).isPositive();
        assertThat(r.microsPerInference()).isPositive();
        assertThat(new String(console.toByteArray(), StandardCharsets.US_ASCII)).contains("*** power cycle");
    }
}

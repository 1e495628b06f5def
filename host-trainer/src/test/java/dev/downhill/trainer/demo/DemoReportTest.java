package dev.downhill.trainer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoReportTest {

    /** 100 clean samples, then 100 drifted: frozen drops to 60 %, adaptive recovers to 90 %, float to 95 %. */
    private static DemoOutcome outcome(boolean adaptiveRecovers) {
        ScenarioTrace t = new ScenarioTrace(100, 150);
        for (int i = 0; i < 200; i++) {
            boolean clean = i < 100;
            boolean frozen = clean ? i % 20 != 0 : i % 5 < 3;
            boolean adaptive = clean ? frozen : adaptiveRecovers ? i % 10 != 0 : frozen;
            boolean floatRef = clean ? frozen : i % 20 != 0;
            t.record(frozen, adaptive, floatRef);
        }
        return new DemoOutcome("64-32-16-10", 1437, 30, 0.05, 0.11, 0.97, 0.96, 3100, 5000, "gain-offset (gain 0.8, offset +1)", t,
                4, 20, 3, 1, 0, 12, 41.5, 250.25, 12.3);
    }

    @Test
    void markdownCarriesTheNumbers() {
        String md = DemoReport.markdown(outcome(true));
        assertThat(md).contains("| clean sensor, before the drift | 95.0% | 95.0% | 95.0% |");
        assertThat(md).contains("| drifted sensor, all samples | 60.0% | 90.0% | 95.0% |");
        assertThat(md).contains("From sample 100 the sensor drifted: gain-offset (gain 0.8, offset +1).");
        assertThat(md).contains("restored 12 adaptation steps");
        assertThat(md).contains("20 kept, 3 rolled back");
        assertThat(md).contains("3100 bytes of flash");
        assertThat(md).contains("Adaptation helped: once settled, the adaptive model is 32.0 points above the frozen one");
    }

    @Test
    void verdictIsHonestWhenAdaptationDoesNotHelp() {
        assertThat(DemoReport.verdict(outcome(false))).startsWith("Adaptation made no real difference");
    }

    @Test
    void summaryTableHasOneRowPerPhase() {
        String table = DemoReport.summaryTable(outcome(true));
        assertThat(table.lines()).hasSize(6);
        assertThat(table).contains("drifted sensor (all)                  60.0%    90.0%    95.0%");
        assertThat(table).contains("41.5 us per inference, 250.3 us per step");
    }
}

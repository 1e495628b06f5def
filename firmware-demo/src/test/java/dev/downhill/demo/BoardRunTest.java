package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.store.ByteArrayParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoardRunTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final SerialLog log = new SerialLog(console, 200);

    private int[] play(String... args) throws IOException {
        BoardOptions options = BoardOptions.parse(args);
        Model model = DemoModel.load();
        SensorDrift drift = new SensorDrift(options.drift(), options.gainPermille(), options.offset(), 8);
        BoardRun run = new BoardRun(model, new ByteArrayParameterStore(new byte[Board.STORE_BYTES]), drift, options, log);
        run.start();
        int[] hits = new int[4]; // frozen before drift, adaptive before, frozen after, adaptive after
        int[] raw = new int[64];
        for (int pass = 0; pass < options.passes(); pass++) {
            try (InputStream in = getClass().getResourceAsStream("digits-stream.csv")) {
                SampleReader reader = new SampleReader(in, "digits-stream.csv", 64);
                while (reader.next(raw)) {
                    boolean drifted = run.samples() >= options.driftAt();
                    int flags = run.step(raw, reader.label());
                    if ((flags & BoardRun.FROZEN_HIT) != 0) {
                        hits[drifted ? 2 : 0]++;
                    }
                    if ((flags & BoardRun.ADAPTIVE_HIT) != 0) {
                        hits[drifted ? 3 : 1]++;
                    }
                }
            }
        }
        run.finish();
        return hits;
    }

    private String console() {
        return new String(console.toByteArray(), StandardCharsets.US_ASCII);
    }

    @Test
    void theDefaultScenarioDriftsRebootsAndLogs() throws IOException {
        play();
        String out = console();
        assertTrue(out.startsWith("downhill firmware-demo: gain-offset drift at sample 120, a label every 4 samples\n"), out);
        assertTrue(out.contains("[   120] *** the sensor drifts: gain-offset ***"), out);
        assertTrue(out.contains("[   480] *** power cycle: RAM is lost, booting again ***"), out);
        assertTrue(out.contains("restored adapted state #"), out);
        int statusLines = 0;
        for (String line : out.split("\n")) {
            if (line.matches("\\[ +\\d+\\] frozen .*")) {
                statusLines++;
            }
        }
        assertEquals(720 / 40, statusLines);
        assertTrue(out.contains("done: 720 samples, boots: 2"), out);
    }

    @Test
    void adaptationWinsBackAccuracyLostToADeadColumn() throws IOException {
        // A dead column shifts every first-layer sum by a fixed amount per class pattern: biases and the
        // input affine can absorb much of it. (The default gain-offset drift costs this model little.)
        int[] hits = play("--drift", "dead-inputs", "--reboot-at", "0");
        int drifted = 720 - 120;
        assertTrue(hits[2] < drifted * 9 / 10, "the drift should hurt the frozen model: " + hits[2] + "/" + drifted);
        assertTrue(hits[3] > hits[2] + drifted * 3 / 100, "adaptive " + hits[3] + " vs frozen " + hits[2] + " of " + drifted);
        // Before the drift the adaptive copy has only seen clean labels: it must not have got worse.
        assertTrue(hits[1] >= hits[0] - 3, "before drift: adaptive " + hits[1] + ", frozen " + hits[0]);
    }

    @Test
    void whenTheDriftDoesNotHurtTheGuardsKeepAdaptationFromCostingMuch() throws IOException {
        // Gain 0.8 / offset +1 barely moves this network's accuracy; adapting on noisy labels can only
        // lose a little, and the guards must keep that under 2 points of the drifted samples.
        int[] hits = play("--reboot-at", "0");
        int drifted = 720 - 120;
        assertTrue(hits[3] >= hits[2] - drifted / 50, "adaptive " + hits[3] + " vs frozen " + hits[2]);
    }

    @Test
    void withoutDriftNothingIsAnnounced() throws IOException {
        play("--drift", "none", "--passes", "1", "--reboot-at", "0");
        String out = console();
        assertTrue(!out.contains("the sensor drifts") && !out.contains("power cycle"), out);
        assertTrue(out.contains("done: 360 samples, boots: 1"), out);
    }
}

package dev.downhill.runtime.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every setter of {@link AdapterConfig} takes the ends of its documented range, refuses the values just outside
 * them with a message naming the setting, and leaves the configuration as it was when it refuses: a board that
 * catches the exception keeps a working recipe.
 */
class AdapterConfigTest {

    private static final int ONE = FixedPointSchedule.ONE;

    @Test
    void defaultsAreTheDocumentedRecipe() {
        AdapterConfig c = new AdapterConfig();
        assertEquals(TrainableSet.INPUT_AFFINE | TrainableSet.BIASES, c.trainable());
        assertEquals(Guards.SKIP_CONFIDENT_CONTRADICTION | Guards.AGREEMENT_MONITOR | Guards.INPUT_SHIFT_LIFTS_SKIP,
                c.guards());
        assertEquals(1 << 23, c.inputShiftThresholdQ24(), "0.5 standardised units");
        assertEquals(AdapterConfig.LOSS_CROSS_ENTROPY, c.loss);
        assertEquals(0, c.momentum);
        assertEquals(2 << 16, c.clip);
        assertEquals(1, c.batchSize);
        assertEquals(0, c.replay);
        assertEquals(AdapterConfig.DEFAULT_RATE, c.schedule().rateAt(0));
        assertEquals(Math.round(AdapterConfig.DEFAULT_RATE / 2.0), c.schedule().rateAt(100), 1);
        assertFalse(c.needsRing(), "the default guards keep no ring of samples");
    }

    @Test
    void trainableSetsAndLosses() {
        AdapterConfig c = new AdapterConfig().trainable(TrainableSet.LAST_LAYER).loss(AdapterConfig.LOSS_MSE);
        assertEquals(TrainableSet.LAST_LAYER, c.trainable());
        assertEquals(AdapterConfig.LOSS_MSE, c.loss);
        refused(c, () -> c.trainable(0), "trainable set");
        refused(c, () -> c.trainable(TrainableSet.BIASES << 8), "trainable set");
        refused(c, () -> c.loss(2), "loss");
        refused(c, () -> c.loss(-1), "loss");
        refused(c, () -> c.schedule(null), "schedule");
        assertEquals(TrainableSet.LAST_LAYER, c.trainable());
        assertEquals(AdapterConfig.LOSS_MSE, c.loss);
    }

    @Test
    void optimiserSettings() {
        FixedPointSchedule constant = FixedPointSchedule.constant(ONE / 10);
        AdapterConfig c = new AdapterConfig().schedule(constant).momentum(ONE - 1).clip(0).batchSize(256);
        assertSame(constant, c.schedule());
        assertEquals(ONE - 1, c.momentum);
        assertEquals(0, c.clip);
        assertEquals(256, c.batchSize);
        refused(c, () -> c.momentum(ONE), "momentum");
        refused(c, () -> c.momentum(-1), "momentum");
        refused(c, () -> c.clip(-1), "clip");
        refused(c, () -> c.batchSize(0), "batch size");
        refused(c, () -> c.batchSize(257), "batch size");
        assertEquals(1, new AdapterConfig().batchSize(1).batchSize);
        assertEquals(ONE - 1, c.momentum);
        assertEquals(256, c.batchSize);
    }

    @Test
    void guardSettings() {
        AdapterConfig c = new AdapterConfig().guards(Guards.LOSS_CHECK).confidentProbability(256)
                .agreementMonitor(1024, 1024).ringSize(64).replay(64);
        assertTrue(c.needsRing());
        assertEquals(256, c.confidentProbability);
        assertEquals(1024, c.monitorWindow);
        assertEquals(1024, c.monitorMinAgreements);
        assertEquals(64, c.ringSize);
        assertEquals(64, c.replay);
        AdapterConfig low = new AdapterConfig().guards(Guards.NONE).confidentProbability(1).agreementMonitor(1, 0)
                .ringSize(1).replay(0);
        assertFalse(low.needsRing());
        assertTrue(new AdapterConfig().guards(Guards.NONE).replay(1).needsRing(), "replay reads the ring");
        assertEquals(1, new AdapterConfig().inputShiftThreshold(1).inputShiftThresholdQ24());
        assertEquals(Guards.INPUT_SHIFT_LIFTS_SKIP, new AdapterConfig().guards(Guards.INPUT_SHIFT_LIFTS_SKIP).guards());

        refused(c, () -> c.guards(1 << 10), "guard set");
        refused(c, () -> c.inputShiftThreshold(0), "input shift threshold");
        refused(c, () -> c.inputShiftThreshold(-1), "input shift threshold");
        refused(c, () -> c.confidentProbability(0), "confident probability");
        refused(c, () -> c.confidentProbability(257), "confident probability");
        refused(c, () -> c.agreementMonitor(0, 0), "agreement monitor");
        refused(c, () -> c.agreementMonitor(1025, 4), "agreement monitor");
        refused(c, () -> c.agreementMonitor(32, -1), "agreement monitor");
        refused(c, () -> c.agreementMonitor(32, 33), "agreement monitor");
        refused(c, () -> c.ringSize(0), "ring size");
        refused(c, () -> c.ringSize(65), "ring size");
        refused(c, () -> c.replay(-1), "replay");
        refused(c, () -> c.replay(65), "replay");
        assertEquals(Guards.LOSS_CHECK, c.guards());
        assertEquals(1024, c.monitorWindow);
        assertEquals(64, c.ringSize);
        assertEquals(64, c.replay);
    }

    @Test
    void rateScalesAndAnchor() {
        AdapterConfig c = new AdapterConfig().rateScales(1, 2, 3).anchor(ONE);
        assertEquals(1, c.gainRate);
        assertEquals(2, c.shiftRate);
        assertEquals(3, c.biasRate);
        assertEquals(ONE, c.anchor);
        assertEquals(0, new AdapterConfig().anchor(0).anchor);
        refused(c, () -> c.rateScales(0, 1, 1), "rate multipliers");
        refused(c, () -> c.rateScales(1, 0, 1), "rate multipliers");
        refused(c, () -> c.rateScales(1, 1, -5), "rate multipliers");
        refused(c, () -> c.anchor(-1), "anchor");
        refused(c, () -> c.anchor(ONE + 1), "anchor");
        assertEquals(2, c.shiftRate);
        assertEquals(ONE, c.anchor);
    }

    private static void refused(AdapterConfig c, Executable set, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, set);
        assertTrue(e.getMessage().contains(named), "message names the setting: " + e.getMessage());
    }
}

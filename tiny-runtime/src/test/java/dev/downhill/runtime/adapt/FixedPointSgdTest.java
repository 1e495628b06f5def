package dev.downhill.runtime.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FixedPointSgdTest {

    private static final int G1 = FixedPointSgd.GRADIENT_ONE;
    private static final int RATE_0_1 = Math.round(FixedPointSchedule.ONE * 0.1f);
    /** A master with 16 fraction bits: 2^16 master units per real unit. */
    private static final long UNIT_Q16 = FixedPointSgd.unit(ScaleMath.powerOfTwo(16));

    @Test
    void plainSgdStepsAgainstTheGradient() {
        FixedPointSgd sgd = new FixedPointSgd(0, 0);
        int master = 1 << 16; // 1.0
        master = sgd.update(master, G1 / 2, null, 0, RATE_0_1, UNIT_Q16); // 1 - 0.1 * 0.5 = 0.95
        assertEquals(0.95 * 65536, master, 1.0);
        master = sgd.update(master, -3 * G1, null, 0, RATE_0_1, UNIT_Q16); // + 0.3
        assertEquals(1.25 * 65536, master, 1.0);
    }

    @Test
    void smallStepsAccumulateInTheMaster() {
        FixedPointSgd sgd = new FixedPointSgd(0, 0);
        // An int8 weight with a Q8.16 master: a step of 0.001 weight units per update would vanish under int8
        // rounding, but 1000 of them move the weight by one whole unit.
        long unit = FixedPointSgd.unit(ScaleMath.powerOfTwo(16));
        int master = 0;
        for (int i = 0; i < 1000; i++) {
            master = sgd.update(master, -G1 / 100, null, 0, RATE_0_1, unit);
        }
        assertEquals(1.0, master / 65536.0, 0.01);
    }

    @Test
    void momentumAccumulatesVelocity() {
        FixedPointSgd sgd = new FixedPointSgd(FixedPointSchedule.ONE * 9 / 10, 0);
        int[] v = new int[1];
        double exactMaster = 0;
        double exactV = 0;
        int master = 0;
        for (int i = 0; i < 30; i++) {
            master = sgd.update(master, G1, v, 0, RATE_0_1, UNIT_Q16);
            exactV = 0.9 * exactV + 1;
            exactMaster -= 0.1 * exactV;
            assertEquals(exactMaster, master / 65536.0, 1e-3, "step " + i);
        }
    }

    @Test
    void clippingBoundsTheGradient() {
        FixedPointSgd sgd = new FixedPointSgd(0, G1);
        assertEquals(-(int) (0.1 * 65536 + 0.5), sgd.update(0, 50 * G1, null, 0, RATE_0_1, UNIT_Q16), 1);
        assertEquals((int) (0.1 * 65536 + 0.5), sgd.update(0, -50 * G1, null, 0, RATE_0_1, UNIT_Q16), 1);
    }

    @Test
    void updatesSaturateInsteadOfWrapping() {
        FixedPointSgd sgd = new FixedPointSgd(0, 0);
        long huge = FixedPointSgd.unit(ScaleMath.powerOfTwo(30));
        assertEquals(Integer.MIN_VALUE, sgd.update(Integer.MIN_VALUE + 5, Integer.MAX_VALUE, null, 0,
                FixedPointSchedule.ONE * 100, huge));
        assertEquals(Integer.MAX_VALUE, sgd.update(Integer.MAX_VALUE - 5, Integer.MIN_VALUE, null, 0,
                FixedPointSchedule.ONE * 100, huge));
        int[] v = {Integer.MAX_VALUE};
        FixedPointSgd withMomentum = new FixedPointSgd(FixedPointSchedule.ONE / 2 + 1, 0);
        withMomentum.update(0, Integer.MAX_VALUE, v, 0, 0, huge);
        assertEquals(Integer.MAX_VALUE, v[0]);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FixedPointSgd(FixedPointSchedule.ONE, 0));
        assertThrows(IllegalArgumentException.class, () -> new FixedPointSgd(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FixedPointSgd(0, -1));
    }

    /**
     * The input stage's path: rate and unit folded once per step. Same real-valued update as {@link
     * FixedPointSgd#update}, rounded once instead of twice, so within one master unit of it, and exactly it
     * whenever the true step is far from a rounding tie; with momentum and clipping as well.
     */
    @Test
    void scaledUpdateIsTheSameStepRoundedOnce() {
        java.util.Random random = new java.util.Random(7);
        long[] units = {UNIT_Q16, FixedPointSgd.unit(ScaleMath.powerOfTwo(24)),
                FixedPointSgd.unit(ScaleMath.multiply(ScaleMath.fromQ24(4 << 24), ScaleMath.powerOfTwo(24))),
                FixedPointSgd.unit(ScaleMath.fromFloatBits(Float.floatToRawIntBits(37.3f), "unit"))};
        int differing = 0;
        int cases = 0;
        for (int momentum : new int[] {0, FixedPointSchedule.ONE * 9 / 10}) {
            FixedPointSgd plain = new FixedPointSgd(momentum, 2 * G1);
            for (long unit : units) {
                for (int i = 0; i < 20_000; i++) {
                    int rate = random.nextInt(FixedPointSchedule.ONE) + (i % 7 == 0 ? 0 : 1);
                    int gradient = random.nextInt() >> random.nextInt(24);
                    int master = random.nextInt();
                    int[] v1 = {random.nextInt(1 << 20) - (1 << 19)};
                    int[] v2 = {v1[0]};
                    int expected = plain.update(master, gradient, momentum == 0 ? null : v1, 0, rate, unit);
                    int actual = plain.updateScaled(master, gradient, momentum == 0 ? null : v2, 0,
                            FixedPointSgd.stepScale(rate, unit));
                    assertEquals(expected, actual, 1.0, "rate " + rate + ", gradient " + gradient);
                    assertEquals(v1[0], v2[0], "velocity");
                    differing += expected != actual ? 1 : 0;
                    cases++;
                }
            }
        }
        // rounding once and rounding twice disagree only near ties: rarely
        assertTrue(differing < cases / 100, differing + " of " + cases + " differ");
    }

    @Test
    void zeroRateMovesNothingOnTheScaledPath() {
        FixedPointSgd sgd = new FixedPointSgd(0, 0);
        assertEquals(12345, sgd.updateScaled(12345, 3 * G1, null, 0, FixedPointSgd.stepScale(0, UNIT_Q16)));
    }
}

package dev.downhill.runtime.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FixedPointScheduleTest {

    private static final int ONE = FixedPointSchedule.ONE;

    @Test
    void constantNeverChanges() {
        FixedPointSchedule s = FixedPointSchedule.constant(ONE / 20);
        assertEquals(ONE / 20, s.rateAt(0));
        assertEquals(ONE / 20, s.rateAt(1_000_000));
    }

    @Test
    void inverseTimeHalvesAfterTAndMatchesTheRealFormula() {
        int rate = ONE / 32; // 0.03125
        FixedPointSchedule s = FixedPointSchedule.inverseTime(rate, 50);
        assertEquals(rate, s.rateAt(0));
        assertEquals(rate / 2, s.rateAt(50));
        assertEquals(Math.round(rate / 3.0), s.rateAt(100));
        for (int t = 0; t < 5000; t += 7) {
            double exact = rate / (1 + t / 50.0);
            assertEquals(exact, s.rateAt(t), 0.5, "t " + t);
        }
        assertEquals(0, FixedPointSchedule.inverseTime(1, 1).rateAt(Integer.MAX_VALUE));
    }

    @Test
    void stepDecayMultipliesByTheFactorEachPeriod() {
        FixedPointSchedule s = FixedPointSchedule.stepDecay(ONE / 4, ONE / 2, 100);
        assertEquals(ONE / 4, s.rateAt(99));
        assertEquals(ONE / 8, s.rateAt(100));
        assertEquals(ONE / 16, s.rateAt(250));
        assertEquals(ONE / 4 >> 10, s.rateAt(1000));
        FixedPointSchedule ninety = FixedPointSchedule.stepDecay(ONE, ONE * 9 / 10, 1);
        for (int t = 0; t < 60; t++) {
            assertEquals(ONE * Math.pow(0.9, t), ninety.rateAt(t), 2 + t, "t " + t);
        }
    }

    @Test
    void invalidSettingsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixedPointSchedule.inverseTime(ONE, 0));
        assertEquals("schedule period must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FixedPointSchedule.constant(-1));
        assertThrows(IllegalArgumentException.class, () -> FixedPointSchedule.stepDecay(ONE, ONE + 1, 5));
    }
}

package dev.downhill.runtime.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.fixedpoint.FixedPoint;
import dev.downhill.runtime.kernels.InputQuantizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputShiftDetectorTest {

    private static final TeacherModel TEACHER = new TeacherModel(7, 16, 12, 8, 4);
    private static final int HALF = 1 << 23;                          // 0.5 in Q8.24

    /** The statistic of one reading, computed here from the stage directly: sum over features of q − zero point. */
    /** The factory stage's int8 values with single-rounding MBQM (FixedPoint), clamped, minus the zero point, summed. */
    private static int statistic(int[] raw) {
        InputQuantizer stage = TEACHER.model.inputStage();
        int sum = 0;
        for (int f = 0; f < raw.length; f++) {
            int x = Math.max(InputQuantizer.RAW_MIN, Math.min(InputQuantizer.RAW_MAX, raw[f]));
            int v = (x << stage.preShift()) - stage.offset(f);
            int q = FixedPoint.multiplyByQuantizedMultiplierSingleRounding(v, stage.multiplier(f), stage.shift(f))
                    + stage.zeroPoint();
            sum += Math.max(-128, Math.min(127, q)) - stage.zeroPoint();
        }
        return sum;
    }

    @Test
    void theStatisticIsTheFactoryStagesInt8InputBarTies() {
        // single rounding parts from the stage's SRDHM-then-RDBPOT by one step at most, and only at ties
        java.util.Random random = new java.util.Random(3);
        InputQuantizer stage = TEACHER.model.inputStage();
        long absoluteDifference = 0;
        for (int n = 0; n < 2000; n++) {
            int[] raw = new int[TEACHER.sizes[0]];
            for (int f = 0; f < raw.length; f++) {
                raw[f] = random.nextInt(TeacherModel.RAW_MAX + 1);
            }
            int exact = 0;
            for (int f = 0; f < raw.length; f++) {
                exact += stage.quantizeOne(f, raw[f]) - stage.zeroPoint();
            }
            int once = statistic(raw);
            assertTrue(Math.abs(once - exact) <= raw.length, "reading " + n);
            absoluteDifference += Math.abs(once - exact);
        }
        // per feature and reading, the two part by a small fraction of a step on average (ties only)
        double perFeature = absoluteDifference / (2000.0 * TEACHER.sizes[0]);
        assertTrue(perFeature < 0.1, "mean difference per feature " + perFeature);
    }

    private static int[] constant(int value) {
        int[] raw = new int[TEACHER.sizes[0]];
        java.util.Arrays.fill(raw, value);
        return raw;
    }

    @Test
    void theThresholdIsTheStandardisedOneInTheAveragesUnits() {
        InputShiftDetector d = new InputShiftDetector(TEACHER.model, HALF);
        double scale = Float.intBitsToFloat(ModelFields.inputScaleBits(TEACHER.model));
        double expected = 32.0 * TEACHER.sizes[0] * 0.5 / scale;
        assertEquals(expected, d.threshold(), 1.0, "round(32 · features · 0.5 / S_in)");
        InputShiftDetector twice = new InputShiftDetector(TEACHER.model, 2 * HALF);
        assertEquals(2.0 * d.threshold(), twice.threshold(), 1.0);
        assertEquals(0, d.average());
        assertFalse(d.moved(), "starts at the factory data's centre");
    }

    @Test
    void theAverageFollowsItsRecurrenceAndMovesExactlyWhenItCrossesTheThreshold() {
        for (int value : new int[] {0, TeacherModel.RAW_MAX}) {                // far below, far above the means
            int[] raw = new int[TEACHER.sizes[0] + 2];
            System.arraycopy(constant(value), 0, raw, 2, TEACHER.sizes[0]);
            int s = statistic(constant(value));
            InputShiftDetector d = new InputShiftDetector(TEACHER.model, HALF);
            long expected = 0;
            boolean everMoved = false;
            for (int n = 0; n < 200; n++) {
                expected += s - (expected >> 5);
                boolean moved = d.observe(raw, 2);
                assertEquals(expected, d.average(), "average after " + (n + 1) + " readings of " + value);
                assertEquals(Math.abs(expected) > d.threshold(), moved, "after " + (n + 1));
                assertEquals(moved, d.moved());
                everMoved |= moved;
            }
            assertTrue(everMoved, "a reading pinned at " + value + " is far from every feature's mean");
            assertEquals(value == 0 ? -1 : 1, Long.signum(expected));
        }
    }

    @Test
    void readingsAroundTheFactoryMeansDoNotMoveIt() {
        // the teacher's own standardisation: readings drawn about each feature's mean with its deviation
        InputShiftDetector d = new InputShiftDetector(TEACHER.model, HALF);
        Random r = new Random(3);
        int[] raw = new int[TEACHER.sizes[0]];
        int worst = 0;
        for (int n = 0; n < 2000; n++) {
            for (int f = 0; f < raw.length; f++) {
                raw[f] = (int) Math.round(TEACHER.mean[f] + TEACHER.std[f] * r.nextGaussian());
            }
            assertFalse(d.observe(raw, 0), "reading " + n);
            worst = Math.max(worst, Math.abs(d.average()));
        }
        assertTrue(worst < d.threshold() / 2, "clean readings stay well inside: " + worst + " of " + d.threshold());
        // and the same readings drifted to half their value (the adapter tests' drift) move it within 40 readings
        InputShiftDetector drifted = new InputShiftDetector(TEACHER.model, HALF);
        int first = -1;
        for (int n = 0; n < 200; n++) {
            for (int f = 0; f < raw.length; f++) {
                raw[f] = (int) Math.round(0.5 * (TEACHER.mean[f] + TEACHER.std[f] * r.nextGaussian()));
            }
            if (drifted.observe(raw, 0) && first < 0) {
                first = n;
            }
        }
        assertTrue(first >= 0 && first < 40, "moved at reading " + first);
        assertTrue(drifted.moved());
    }

    @Test
    void aModelWithoutAnInputStageOrANonPositiveThresholdIsRefused() {
        Model int8 = Model.load(TEACHER.int8InputBlob);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InputShiftDetector(int8, HALF));
        assertEquals("the input shift detector needs a model with an input stage", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new InputShiftDetector(TEACHER.model, 0));
        assertEquals("input shift threshold must be > 0 (Q8.24), got 0", e.getMessage());
    }
}

package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SensorDriftTest {

    @Test
    void gainOffsetRoundsHalfUpThenAdds() {
        int[] s = {0, 1, 2, 13, 16, -3, 32767};
        new SensorDrift(SensorDrift.GAIN_OFFSET, 800, 1, 8).apply(s, s.length);
        // 0.8 -> 1, 1.6 -> 2, 10.4 -> 10, 12.8 -> 13, -2.4 -> -2, 26213.6 -> 26214; then +1
        assertArrayEquals(new int[] {1, 2, 3, 11, 14, -1, 26215}, s);
    }

    @Test
    void gainOffsetSaturatesAt16Bits() {
        int[] s = {32000, -32000};
        new SensorDrift(SensorDrift.GAIN_OFFSET, 2000, 0, 8).apply(s, 2);
        assertArrayEquals(new int[] {32767, -32768}, s);
    }

    @Test
    void pixelShiftMovesEachRowRightAndBlanksTheLeftColumn() {
        int[] s = {1, 2, 3, 4, 5, 6, 9};
        new SensorDrift(SensorDrift.PIXEL_SHIFT, 1000, 0, 3).apply(s, 6);
        assertArrayEquals(new int[] {0, 1, 2, 0, 4, 5, 9}, s);
    }

    @Test
    void deadInputsZeroTheMiddleColumn() {
        int[] s = {1, 2, 3, 4, 5, 6, 7, 8};
        new SensorDrift(SensorDrift.DEAD_INPUTS, 1000, 0, 4).apply(s, 8);
        assertArrayEquals(new int[] {1, 2, 0, 4, 5, 6, 0, 8}, s);
    }

    @Test
    void noneLeavesSamplesAlone() {
        int[] s = {1, 2, 3};
        new SensorDrift(SensorDrift.NONE, 800, 1, 8).apply(s, 3);
        assertArrayEquals(new int[] {1, 2, 3}, s);
    }

    @Test
    void namesRoundTrip() {
        for (int k = SensorDrift.NONE; k <= SensorDrift.DEAD_INPUTS; k++) {
            assertEquals(k, SensorDrift.kindOf(SensorDrift.name(k)));
        }
        assertEquals(-1, SensorDrift.kindOf("fog"));
        assertThrows(IllegalArgumentException.class, () -> new SensorDrift(9, 800, 1, 8));
    }
}

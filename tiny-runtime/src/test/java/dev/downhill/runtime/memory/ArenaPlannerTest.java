package dev.downhill.runtime.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArenaPlannerTest {

    private static final int[] SIZES = {64, 32, 16, 10, 10};
    private static final int[] BIASES = {32, 16, 10, 0};

    @Test
    void pingPongAlternatesTwoRegions() {
        BufferPlan p = ArenaPlanner.plan(SIZES, BIASES, false);
        assertFalse(p.retainsActivations());
        assertEquals(96, p.activationBytes());
        int[] expected = {0, 64, 0, 64, 0};
        for (int i = 0; i < SIZES.length; i++) {
            assertEquals(expected[i], p.tensorOffset(i), "tensor " + i);
            assertEquals(SIZES[i], p.tensorSize(i));
        }
        // consecutive tensors (a layer's input and output) never overlap
        for (int i = 0; i + 1 < SIZES.length; i++) {
            int a = p.tensorOffset(i);
            int b = p.tensorOffset(i + 1);
            assertTrue(a + p.tensorSize(i) <= b || b + p.tensorSize(i + 1) <= a, "layer " + i);
        }
        assertEquals(58, p.biasInts());
        assertEquals(0, p.biasOffset(0));
        assertEquals(32, p.biasOffset(1));
        assertEquals(48, p.biasOffset(2));
        assertEquals(-1, p.biasOffset(3));
        assertEquals(96 + 4 * 58, p.totalBytes());
    }

    @Test
    void retainingGivesEveryTensorItsOwnRegion() {
        BufferPlan p = ArenaPlanner.plan(SIZES, BIASES, true);
        assertEquals(132, p.activationBytes());
        int[] expected = {0, 64, 96, 112, 122};
        for (int i = 0; i < SIZES.length; i++) {
            assertEquals(expected[i], p.tensorOffset(i));
        }
    }

    @Test
    void rejectsInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> ArenaPlanner.plan(new int[] {4}, new int[0], false));
        assertThrows(IllegalArgumentException.class, () -> ArenaPlanner.plan(new int[] {4, 0}, new int[1], false));
        assertThrows(IllegalArgumentException.class, () -> ArenaPlanner.plan(new int[] {4, 2}, new int[2], false));
    }
}

package dev.downhill.runtime.kernels;

import static dev.downhill.runtime.kernels.FullyConnectedTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArgMaxTest {

    @Test
    void firstMaximumWins() {
        assertEquals(2, ArgMax.argMax(bytes(-5, 3, 9, 9, -128), 0, 5));
        assertEquals(1, ArgMax.argMax(bytes(9, 3, 9), 1, 2));
        assertEquals(1, ArgMax.argMax(bytes(100, 3, 9), 1, 2));
        assertEquals(0, ArgMax.argMax(bytes(-128), 0, 1));
    }

    @Test
    void topKLargestFirstTiesInIndexOrder() {
        int[] dst = new int[5];
        ArgMax.topK(bytes(4, 9, -1, 9, 7, 4), 0, 6, dst, 1, 4);
        assertArrayEquals(new int[] {0, 1, 3, 4, 0}, dst);
        ArgMax.topK(bytes(1, 2, 3), 0, 3, dst, 0, 3);
        assertArrayEquals(new int[] {2, 1, 0}, new int[] {dst[0], dst[1], dst[2]});
        ArgMax.topK(bytes(-3, -3, -3), 0, 3, dst, 0, 2);
        assertArrayEquals(new int[] {0, 1}, new int[] {dst[0], dst[1]});
    }

    @Test
    void topKRejectsBadK() {
        assertThrows(IllegalArgumentException.class, () -> ArgMax.topK(bytes(1), 0, 1, new int[2], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> ArgMax.topK(bytes(1), 0, 1, new int[2], 0, 0));
    }
}

package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RollingAccuracyTest {

    @Test
    void emptyIsZero() {
        assertEquals(0, new RollingAccuracy(4).permille());
    }

    @Test
    void averagesOverWhatWasSeenUntilTheWindowIsFull() {
        RollingAccuracy a = new RollingAccuracy(4);
        a.record(true);
        a.record(false);
        a.record(true);
        assertEquals(3, a.size());
        assertEquals(667, a.permille()); // 2/3 rounded half up
    }

    @Test
    void forgetsTheOldestOnceFull() {
        RollingAccuracy a = new RollingAccuracy(3);
        a.record(false);
        a.record(true);
        a.record(true);
        assertEquals(667, a.permille());
        a.record(true); // pushes the miss out
        assertEquals(1000, a.permille());
        assertEquals(3, a.correct());
        a.record(false);
        a.record(false);
        assertEquals(333, a.permille());
        for (int i = 0; i < 10; i++) {
            a.record(false);
        }
        assertEquals(0, a.permille());
        assertEquals(3, a.size());
    }

    @Test
    void clearForgetsEverything() {
        RollingAccuracy a = new RollingAccuracy(2);
        a.record(true);
        a.clear();
        assertEquals(0, a.size());
        a.record(false);
        assertEquals(0, a.permille());
    }

    @Test
    void rejectsEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> new RollingAccuracy(0));
    }
}

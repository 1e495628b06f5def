package dev.downhill.runtime.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContradictionMemoryTest {

    @Test
    void theRunGrowsAsFewClassesMakeARepeatLikely() {
        assertEquals(3, Guards.CONTRADICTIONS_SKIPPED_BEFORE_TRUST);
        assertEquals(10, Guards.contradictionsSkippedBeforeTrust(2));     // 2^10 = 1024
        assertEquals(7, Guards.contradictionsSkippedBeforeTrust(3));      // 3^7 = 2187, 3^6 = 729
        assertEquals(5, Guards.contradictionsSkippedBeforeTrust(4));
        assertEquals(4, Guards.contradictionsSkippedBeforeTrust(6));
        assertEquals(3, Guards.contradictionsSkippedBeforeTrust(10));
        assertEquals(3, Guards.contradictionsSkippedBeforeTrust(511));
        assertEquals(63, Guards.contradictionsSkippedBeforeTrust(1), "one class never repeats by chance: capped");
    }

    @Test
    void theSameContradictionIsSkippedThreeTimesInARowThenApplied() {
        ContradictionMemory m = new ContradictionMemory(10);
        assertTrue(m.skip(4, 7));
        assertTrue(m.skip(4, 7));
        assertTrue(m.skip(4, 7));
        assertFalse(m.skip(4, 7), "the fourth identical one in a row teaches");
        assertFalse(m.skip(4, 7), "and every one after it");
        assertTrue(m.skip(4, 2), "another label starts a new run");
        assertTrue(m.skip(4, 7), "and the old run is gone");
    }

    @Test
    void anAgreementOnTheClassEndsItsRun() {
        ContradictionMemory m = new ContradictionMemory(10);
        assertTrue(m.skip(4, 7));
        assertTrue(m.skip(4, 7));
        m.agreed(4);
        assertTrue(m.skip(4, 7));
        assertTrue(m.skip(4, 7));
        assertTrue(m.skip(4, 7));
        m.agreed(5);
        assertFalse(m.skip(4, 7), "an agreement on another class does not end this run");
    }

    @Test
    void eachPredictedClassKeepsItsOwnRun() {
        ContradictionMemory m = new ContradictionMemory(10);
        for (int i = 0; i < 3; i++) {
            assertTrue(m.skip(1, 0));
            assertTrue(m.skip(2, 0), "interleaved runs of other classes do not break a run");
        }
        assertFalse(m.skip(1, 0));
        assertFalse(m.skip(2, 0));
        assertTrue(m.skip(3, 0));
    }

    @Test
    void aTwoClassModelNeedsTenInARow() {
        ContradictionMemory m = new ContradictionMemory(2);
        for (int i = 0; i < 10; i++) {
            assertTrue(m.skip(0, 1), "contradiction " + (i + 1));
        }
        assertFalse(m.skip(0, 1));
    }

    @Test
    void labelsUpToTheLargestSoftmaxAreToldApart() {
        ContradictionMemory m = new ContradictionMemory(511);
        for (int i = 0; i < 3; i++) {
            assertTrue(m.skip(510, 509));
        }
        assertTrue(m.skip(510, 508), "a different label near the top restarts the run");
        assertTrue(m.skip(0, 510));
        assertEquals(1022, m.memoryBytes());
        assertEquals(1022, ContradictionMemory.requiredBytes(511));
    }
}

package dev.downhill.runtime.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class DualSlotStoreTest {

    private static final int MODEL = 0x1234ABCD;
    private static final int LAYOUT = 0x3;
    private static final int VALUES = 9;
    private static final int PAYLOAD = 4 * VALUES;
    private static final int STORE_BYTES = 2 * (DualSlotStore.SLOT_OVERHEAD_BYTES + PAYLOAD);

    private static int[] state(int seed) {
        int[] v = new int[VALUES];
        for (int i = 0; i < VALUES; i++) {
            v[i] = seed * 1000003 + i * 7919 - (i == 3 ? Integer.MIN_VALUE : 0);
        }
        return v;
    }

    private static void save(ParameterStore store, int[] values) {
        DualSlotStore slots = new DualSlotStore(store, MODEL, LAYOUT, PAYLOAD, 1);
        slots.beginSave();
        slots.putInt(values[0]);
        slots.putInts(values, 1, VALUES - 1);
        slots.commitSave();
    }

    /** Loads the newest state, or null when the store holds none. */
    private static int[] load(ParameterStore store) {
        DualSlotStore slots = new DualSlotStore(store, MODEL, LAYOUT, PAYLOAD, 1);
        if (!slots.beginLoad()) {
            return null;
        }
        int[] v = new int[VALUES];
        v[0] = slots.getInt();
        slots.getInts(v, 1, VALUES - 1);
        slots.endLoad();
        return v;
    }

    private static int writesPerSave(byte[] image) {
        PowerCutStore counter = new PowerCutStore(image.clone(), -1, 0);
        save(counter, state(99));
        return counter.writes;
    }

    @Test
    void savedStateLoadsBackAndSlotsAlternate() {
        byte[] image = new byte[STORE_BYTES];
        ByteArrayParameterStore store = new ByteArrayParameterStore(image);
        assertEquals(null, load(store), "blank store holds no state");
        for (int s = 1; s <= 5; s++) {
            save(store, state(s));
            assertArrayEquals(state(s), load(store));
            DualSlotStore slots = new DualSlotStore(store, MODEL, LAYOUT, PAYLOAD, 1);
            assertTrue(slots.beginLoad());
            assertEquals(s, slots.sequence());
        }
        assertEquals(DualSlotStore.COMMITTED, image[0] & 0xFF);
        assertEquals(DualSlotStore.COMMITTED, image[STORE_BYTES / 2] & 0xFF);
    }

    /** The central property: a cut at any write, with any torn value, leaves the old or the new state. */
    @Test
    void powerCutAtEveryByteLeavesOldOrNewState() {
        int[] tornValues = {-1, 0x00, 0xFF, DualSlotStore.COMMITTED, 0x5A};
        for (int history = 0; history <= 2; history++) { // 0: blank store, 1: one slot used, 2: both used
            byte[] before = new byte[STORE_BYTES];
            ByteArrayParameterStore setup = new ByteArrayParameterStore(before);
            for (int s = 1; s <= history; s++) {
                save(setup, state(s));
            }
            int n = writesPerSave(before);
            assertEquals((history < 2 ? 0 : 1) + 4 * 6 + PAYLOAD + 4 + 1, n,
                    "marker clear (only over a committed slot), header, payload, CRC, marker");
            int[] old = history == 0 ? null : state(history);
            int[] neu = state(history + 1);
            int sawNew = 0;
            for (int cut = 0; cut <= n; cut++) {
                for (int torn : tornValues) {
                    byte[] image = before.clone();
                    PowerCutStore store = new PowerCutStore(image, cut, torn);
                    try {
                        save(store, neu);
                        assertEquals(n, cut, "only the cut beyond the last write completes the save");
                    } catch (PowerCutStore.PowerCut expected) {
                        // the state must still be consistent
                    }
                    int[] loaded = load(new ByteArrayParameterStore(image));
                    String where = "history " + history + ", cut at write " + cut + ", torn " + torn;
                    if (loaded == null) {
                        assertEquals(null, old, where + ": old state lost");
                    } else if (Arrays.equals(loaded, neu)) {
                        sawNew++;
                        assertTrue(cut >= n - 1, where + ": new state visible before its commit marker");
                    } else {
                        assertArrayEquals(old, loaded, where + ": neither old nor new state");
                    }
                    // Recovery: the next full save after the cut works and wins.
                    int[] next = state(history + 7);
                    save(new ByteArrayParameterStore(image), next);
                    assertArrayEquals(next, load(new ByteArrayParameterStore(image)), where + ": recovery save");
                }
            }
            assertTrue(sawNew >= tornValues.length, "the completed save is visible");
        }
    }

    @Test
    void corruptedNewestSlotFallsBackToOlderOne() {
        byte[] image = new byte[STORE_BYTES];
        ByteArrayParameterStore store = new ByteArrayParameterStore(image);
        save(store, state(1)); // slot 0
        save(store, state(2)); // slot 1
        image[STORE_BYTES / 2 + 30] ^= 0x10; // a payload bit of slot 1 decays
        assertArrayEquals(state(1), load(store));
    }

    @Test
    void bothSlotsCorruptedIsAClearError() {
        byte[] image = new byte[STORE_BYTES];
        ByteArrayParameterStore store = new ByteArrayParameterStore(image);
        save(store, state(1));
        save(store, state(2));
        image[27] ^= 0x01;
        image[STORE_BYTES / 2 + 40] ^= 0x80;
        ParameterStoreException e = assertThrows(ParameterStoreException.class, () -> load(store));
        assertEquals("no loadable parameter state: slot 0 is corrupted, slot 1 is corrupted (CRC or header check failed)",
                e.getMessage());
    }

    @Test
    void corruptedLengthFieldIsDetectedWithoutReadingOutOfBounds() {
        byte[] image = new byte[STORE_BYTES];
        ByteArrayParameterStore store = new ByteArrayParameterStore(image);
        save(store, state(1));
        image[21 + 3] = 0x7F; // payload length of slot 0 becomes huge
        ParameterStoreException e = assertThrows(ParameterStoreException.class, () -> load(store));
        assertTrue(e.getMessage().contains("slot 0 is corrupted, slot 1 is blank"), e.getMessage());
    }

    @Test
    void storeTooSmallIsAClearError() {
        ParameterStoreException e = assertThrows(ParameterStoreException.class,
                () -> new DualSlotStore(new ByteArrayParameterStore(new byte[STORE_BYTES - 1]), MODEL, LAYOUT,
                        PAYLOAD, 1));
        assertEquals("parameter store too small: it has 129 bytes, two slots of a 36-byte payload need 130",
                e.getMessage());
        assertEquals(130, DualSlotStore.requiredBytes(PAYLOAD, 1));
        assertEquals(512, DualSlotStore.requiredBytes(PAYLOAD, 256), "each slot fills whole pages");
    }

    @Test
    void alignedSlotsStartOnPageBoundaries() {
        byte[] image = new byte[600];
        ByteArrayParameterStore store = new ByteArrayParameterStore(image);
        DualSlotStore slots = new DualSlotStore(store, MODEL, LAYOUT, PAYLOAD, 256);
        for (int s = 1; s <= 2; s++) {
            slots.beginSave();
            slots.putInts(state(s), 0, VALUES);
            slots.commitSave();
        }
        assertEquals(DualSlotStore.COMMITTED, image[0] & 0xFF);
        assertEquals(DualSlotStore.COMMITTED, image[256] & 0xFF, "slot 1 on the second 256-byte page");
        for (int i = 256 + DualSlotStore.SLOT_OVERHEAD_BYTES + PAYLOAD; i < 600; i++) {
            assertEquals(0, image[i], "nothing written past slot 1");
        }
    }

    @Test
    void stateOfAnotherModelIsRefused() {
        ByteArrayParameterStore store = new ByteArrayParameterStore(new byte[STORE_BYTES]);
        save(store, state(1));
        DualSlotStore other = new DualSlotStore(store, 0x0BADF00D, LAYOUT, PAYLOAD, 1);
        ParameterStoreException e = assertThrows(ParameterStoreException.class, other::beginLoad);
        assertEquals("parameter store was written for model 0x1234abcd, not for this model 0xbadf00d (slot 0, sequence 1)",
                e.getMessage());
    }

    @Test
    void stateOfAnotherLayoutIsRefused() {
        ByteArrayParameterStore store = new ByteArrayParameterStore(new byte[STORE_BYTES]);
        save(store, state(1));
        DualSlotStore other = new DualSlotStore(store, MODEL, 0x5, PAYLOAD - 4, 1);
        ParameterStoreException e = assertThrows(ParameterStoreException.class, other::beginLoad);
        assertEquals("parameter store holds layout 0x3 with 36 bytes, expected layout 0x5 with 32 bytes"
                + " (another trainable set?)", e.getMessage());
    }

    @Test
    void sequenceNumbersCompareAcrossWrapAround() {
        byte[] image = new byte[STORE_BYTES];
        ByteArrayParameterStore store = new ByteArrayParameterStore(image);
        save(store, state(1));
        // Rewrite slot 0 as sequence 2^31 - 1 with a matching CRC, as if it had been saved that often.
        image[9] = (byte) 0xFF;
        image[10] = (byte) 0xFF;
        image[11] = (byte) 0xFF;
        image[12] = (byte) 0x7F;
        CRC32 crc = new CRC32();
        crc.update(image, 1, 24 + PAYLOAD);
        int c = (int) crc.getValue();
        for (int k = 0; k < 4; k++) {
            image[25 + PAYLOAD + k] = (byte) (c >>> (8 * k));
        }
        assertArrayEquals(state(1), load(store));
        save(store, state(2)); // slot 1, sequence 2^31 (negative as int)
        DualSlotStore slots = new DualSlotStore(store, MODEL, LAYOUT, PAYLOAD, 1);
        assertTrue(slots.beginLoad());
        assertEquals(Integer.MIN_VALUE, slots.sequence());
        slots.getInts(new int[VALUES], 0, VALUES);
        slots.endLoad();
        assertArrayEquals(state(2), load(store));
    }

    @Test
    void crcMatchesJavaUtilZip() {
        byte[] data = "Downhill adapts on the device".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int c = Crc32.start();
        for (byte b : data) {
            c = Crc32.update(c, b);
        }
        CRC32 ref = new CRC32();
        ref.update(data);
        assertEquals((int) ref.getValue(), Crc32.finish(c));
    }

    @Test
    void misuseOfCallOrderIsReported() {
        DualSlotStore slots = new DualSlotStore(new ByteArrayParameterStore(new byte[STORE_BYTES]), MODEL, LAYOUT,
                PAYLOAD, 1);
        assertThrows(IllegalStateException.class, () -> slots.putInt(1));
        slots.beginSave();
        slots.putInt(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, slots::commitSave);
        assertEquals("commitSave after 4 payload bytes, expected 36", e.getMessage());
        assertThrows(IllegalStateException.class, () -> slots.putInts(new int[VALUES], 0, VALUES));
        try {
            slots.beginLoad();
            fail("beginLoad while saving");
        } catch (IllegalStateException expected) {
            assertEquals("beginLoad called while saving", expected.getMessage());
        }
    }

    @Test
    void badArgumentsAreClearErrors() {
        ByteArrayParameterStore store = new ByteArrayParameterStore(new byte[STORE_BYTES]);
        assertEquals("parameter store is null", assertThrows(IllegalArgumentException.class,
                () -> new DualSlotStore(null, MODEL, LAYOUT, PAYLOAD, 1)).getMessage());
        assertEquals("payloadBytes -4 and slotAlignment 1 must be >= 0 and >= 1", assertThrows(
                IllegalArgumentException.class, () -> new DualSlotStore(store, MODEL, LAYOUT, -4, 1)).getMessage());
        assertEquals("payloadBytes 36 and slotAlignment 0 must be >= 0 and >= 1", assertThrows(
                IllegalArgumentException.class, () -> new DualSlotStore(store, MODEL, LAYOUT, PAYLOAD, 0)).getMessage());
        assertEquals("store array is null",
                assertThrows(IllegalArgumentException.class, () -> new ByteArrayParameterStore(null)).getMessage());
    }

    @Test
    void readingOrWritingPastThePayloadIsRefused() {
        DualSlotStore slots = new DualSlotStore(new ByteArrayParameterStore(new byte[STORE_BYTES]), MODEL, LAYOUT,
                PAYLOAD, 1);
        slots.beginSave();
        slots.putInts(state(3), 0, VALUES - 1);
        IllegalStateException full = assertThrows(IllegalStateException.class,
                () -> slots.putInts(new int[2], 0, 2));
        assertEquals("putInts beyond the 36-byte payload", full.getMessage());
        slots.putInt(state(3)[VALUES - 1]);
        assertEquals("putInt beyond the 36-byte payload",
                assertThrows(IllegalStateException.class, () -> slots.putInt(0)).getMessage());
        slots.commitSave();

        assertTrue(slots.beginLoad());
        assertEquals("getInts beyond the 36-byte payload",
                assertThrows(IllegalStateException.class, () -> slots.getInts(new int[VALUES + 1], 0, VALUES + 1))
                        .getMessage());
        int[] first = new int[VALUES - 1];
        slots.getInts(first, 0, VALUES - 1);
        IllegalStateException early = assertThrows(IllegalStateException.class, slots::endLoad);
        assertEquals("endLoad with 4 payload bytes unread", early.getMessage());
        assertEquals("getInt called while idle",
                assertThrows(IllegalStateException.class, slots::getInt).getMessage(), "a failed endLoad ends the load");
        assertTrue(slots.beginLoad());
        slots.getInts(first, 0, VALUES - 1);
        assertEquals(state(3)[VALUES - 1], slots.getInt());
        assertEquals("getInt beyond the 36-byte payload",
                assertThrows(IllegalStateException.class, slots::getInt).getMessage());
        assertEquals("beginSave called while loading",
                assertThrows(IllegalStateException.class, slots::beginSave).getMessage());
        slots.endLoad();
    }

    @Test
    void eachWayASlotCanFailItsHeaderIsNamed() {
        // an interrupted save (magic written, never committed) beside a corrupted slot
        byte[] image = new byte[STORE_BYTES];
        ByteArrayParameterStore store = new ByteArrayParameterStore(image);
        save(store, state(1));
        save(store, state(2));
        image[STORE_BYTES / 2] = 0;                                     // slot 1 loses its commit mark
        image[5] ^= 0x02;                                               // slot 0's format version changes
        ParameterStoreException e = assertThrows(ParameterStoreException.class, () -> load(store));
        assertEquals("no loadable parameter state: slot 0 is corrupted, slot 1 is an interrupted save (CRC or"
                + " header check failed)", e.getMessage());

        // a negative payload length is corrupt, not a read before the slot
        byte[] negative = new byte[STORE_BYTES];
        ByteArrayParameterStore other = new ByteArrayParameterStore(negative);
        save(other, state(1));
        negative[21 + 3] = (byte) 0x80;
        assertTrue(assertThrows(ParameterStoreException.class, () -> load(other)).getMessage()
                .contains("slot 0 is corrupted, slot 1 is blank"));

        // only interrupted or blank slots: nothing saved yet, not an error
        byte[] interrupted = new byte[STORE_BYTES];
        ByteArrayParameterStore first = new ByteArrayParameterStore(interrupted);
        save(first, state(1));
        interrupted[0] = 0;
        assertFalse(new DualSlotStore(first, MODEL, LAYOUT, PAYLOAD, 1).beginLoad());
    }

    @Test
    void sameLayoutWithAnotherPayloadLengthIsRefused() {
        ByteArrayParameterStore store = new ByteArrayParameterStore(new byte[STORE_BYTES]);
        save(store, state(1));
        DualSlotStore shorter = new DualSlotStore(store, MODEL, LAYOUT, PAYLOAD - 4, 1);
        ParameterStoreException e = assertThrows(ParameterStoreException.class, shorter::beginLoad);
        assertEquals("parameter store holds layout 0x3 with 36 bytes, expected layout 0x3 with 32 bytes"
                + " (another trainable set?)", e.getMessage());
    }
}

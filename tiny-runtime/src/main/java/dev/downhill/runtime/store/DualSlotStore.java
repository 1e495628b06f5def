package dev.downhill.runtime.store;

/**
 * Two slots over a {@link ParameterStore}, written so that a power cut at any byte of a save leaves either the
 * previous state or the new one loadable, never a mixture.
 *
 * <p>Call order: construct once (checks the capacity); to save, {@link #beginSave()}, then {@link #putInt} /
 * {@link #putInts} for exactly {@code payloadBytes} bytes, then {@link #commitSave()}; to load,
 * {@link #beginLoad()} (false when nothing was ever saved), then {@link #getInt} / {@link #getInts} for the
 * same sequence of values, then {@link #endLoad()}. No method allocates except on the error path.
 *
 * <p>Slot layout (little-endian ints), {@code n = payloadBytes}:
 * <pre>
 *   +0        commit marker, 1 byte: 0xC3 = committed, anything else = no state in this slot
 *   +1        magic "DHPS"            +5   format version (1)
 *   +9        sequence number         +13  model id (which model the parameters belong to)
 *   +17       layout id (which parameters, in which order)          +21  payload length n
 *   +25       payload, n bytes
 *   +25+n     CRC-32 of bytes +1 .. +25+n-1 (header and payload)
 * </pre>
 * Slot 0 starts at byte 0, slot 1 in the middle of the store (rounded down to {@code slotAlignment}).
 *
 * <p>IMPLEMENTATION NOTES. Atomicity comes from the order of writes, not from the CRC. A save goes to the slot
 * that does not hold the newest valid state. It first clears that slot's commit marker (if set) and flushes, then writes
 * header, payload and CRC, flushes, and only then writes the commit marker and flushes again. A cut before the
 * marker is written leaves the target slot uncommitted, so the other slot (the old state) wins; a cut while the
 * marker byte itself is being written leaves either a committed, complete new slot or an uncommitted one. A torn
 * first write (clearing the marker) can at worst leave the old contents of the target slot, which are older than
 * the other slot. The CRC guards against decay and against stores that do not honour the contract. Sequence
 * numbers are compared with wrap-around ({@code a - b > 0}), so 2^31 saves are needed before order is lost.
 */
public final class DualSlotStore {

    /** Bytes a slot needs besides its payload: marker, 6 header ints, CRC. */
    public static final int SLOT_OVERHEAD_BYTES = 1 + 6 * 4 + 4;

    /** The magic "DHPS" as read little-endian. */
    static final int MAGIC = 'D' | ('H' << 8) | ('P' << 16) | ('S' << 24);
    static final int FORMAT_VERSION = 1;
    static final int COMMITTED = 0xC3;
    private static final int NOT_COMMITTED = 0x00;
    private static final int MAGIC_AT = 1;
    private static final int VERSION_AT = 5;
    private static final int SEQUENCE_AT = 9;
    private static final int MODEL_AT = 13;
    private static final int LAYOUT_AT = 17;
    private static final int LENGTH_AT = 21;
    private static final int PAYLOAD_OFFSET = 25;

    private static final int IDLE = 0;
    private static final int SAVING = 1;
    private static final int LOADING = 2;

    /** Slot states found by a scan. */
    private static final int BLANK = 0;
    private static final int VALID = 1;
    private static final int INCOMPLETE = 2;
    private static final int CORRUPT = 3;

    private final ParameterStore store;
    private final int modelId;
    private final int layoutId;
    private final int payloadBytes;
    private final int slotStride;

    private int mode = IDLE;
    private int cursor;
    private int end;
    private int crc;
    private int targetSlot;
    private int sequence;

    // Results of the last scan, one entry per slot (two fields each instead of arrays: no allocation needed).
    private int state0;
    private int state1;
    private int seq0;
    private int seq1;

    /**
     * Lays two slots of {@code payloadBytes} over {@code store}.
     *
     * @param store         the board's persistent memory; both slots live in it, each in one half
     * @param modelId       identifies the model the parameters belong to (e.g. the CRC of its blob)
     * @param layoutId      identifies which parameters are saved, in which order (e.g. the trainable set)
     * @param payloadBytes  bytes of parameters one save writes, {@code >= 0}
     * @param slotAlignment 1 for byte-writable memory; the erase-page size for flash
     * @throws IllegalArgumentException if {@code store} is null, {@code payloadBytes < 0} or
     *                                  {@code slotAlignment < 1}
     * @throws ParameterStoreException  if the store is too small
     */
    public DualSlotStore(ParameterStore store, int modelId, int layoutId, int payloadBytes, int slotAlignment) {
        if (store == null) {
            throw new IllegalArgumentException("parameter store is null");
        }
        if (payloadBytes < 0 || slotAlignment < 1) {
            throw new IllegalArgumentException(new StringBuilder("payloadBytes ").append(payloadBytes)
                    .append(" and slotAlignment ").append(slotAlignment).append(" must be >= 0 and >= 1").toString());
        }
        this.store = store;
        this.modelId = modelId;
        this.layoutId = layoutId;
        this.payloadBytes = payloadBytes;
        long need = requiredBytes(payloadBytes, slotAlignment);
        // Each slot is half the store (aligned down), so the geometry depends on the store alone and a state
        // written with another payload size is still found and reported as a layout mismatch.
        this.slotStride = store.size() / 2 / slotAlignment * slotAlignment;
        if (store.size() < need) {
            throw new ParameterStoreException(new StringBuilder("parameter store too small: it has ")
                    .append(store.size()).append(" bytes, two slots of a ").append(payloadBytes)
                    .append("-byte payload need ").append(need).toString());
        }
    }

    /**
     * Bytes of store that two slots need: each slot's header, payload and CRC, rounded up to the alignment.
     *
     * @param payloadBytes  bytes of parameters one save writes
     * @param slotAlignment 1 for byte-writable memory; the erase-page size for flash
     * @return the smallest store size, in bytes, the constructor accepts for these arguments
     */
    public static long requiredBytes(int payloadBytes, int slotAlignment) {
        long slot = (long) SLOT_OVERHEAD_BYTES + payloadBytes;
        return 2 * ((slot + slotAlignment - 1) / slotAlignment * slotAlignment);
    }

    /**
     * The sequence number of the state last saved or loaded; it grows by one with every save.
     *
     * @return the sequence number, or 0 before any save or load
     */
    public int sequence() {
        return sequence;
    }

    // ---------------------------------------------------------------- saving

    /**
     * Starts a save into the slot that does not hold the newest valid state, so that state stays loadable until
     * {@link #commitSave} completes.
     *
     * @throws IllegalStateException if a save or load is already in progress
     */
    public void beginSave() {
        requireMode(IDLE, "beginSave");
        scan();
        int newest = newestValidSlot();
        targetSlot = newest == 1 ? 0 : (newest == 0 ? 1 : 0);
        sequence = newest < 0 ? 1 : (newest == 0 ? seq0 : seq1) + 1;
        int base = targetSlot * slotStride;
        if (store.read(base) == COMMITTED) {
            // Un-commit before touching anything else. Skipped when already uncommitted, so that a torn write
            // can never turn a blank slot's marker into COMMITTED.
            store.write(base, NOT_COMMITTED);
            store.flush();
        }
        cursor = base + MAGIC_AT;
        end = base + PAYLOAD_OFFSET + payloadBytes;
        crc = Crc32.start();
        mode = SAVING;
        putRaw(MAGIC);
        putRaw(FORMAT_VERSION);
        putRaw(sequence);
        putRaw(modelId);
        putRaw(layoutId);
        putRaw(payloadBytes);
    }

    /**
     * Appends one int, little-endian, to the payload of the save in progress.
     *
     * @param value the int to append
     * @throws IllegalStateException if no save is in progress or the payload is already full
     */
    public void putInt(int value) {
        requireMode(SAVING, "putInt");
        if (end - cursor < 4) {
            throw overrun("putInt");
        }
        putRaw(value);
    }

    /**
     * Appends {@code len} ints, little-endian, to the payload of the save in progress.
     *
     * @param values the source array
     * @param off    index of the first int in {@code values}
     * @param len    number of ints to append
     * @throws IllegalStateException if no save is in progress or the ints do not fit in the payload
     */
    public void putInts(int[] values, int off, int len) {
        requireMode(SAVING, "putInts");
        if (end - cursor < 4L * len) {
            throw overrun("putInts");
        }
        for (int i = 0; i < len; i++) {
            putRaw(values[off + i]);
        }
    }

    /**
     * Finishes the save: CRC, barrier, commit marker, barrier. Afterwards the new state is the one loaded.
     *
     * @throws IllegalStateException if no save is in progress or fewer than {@code payloadBytes} were appended
     */
    public void commitSave() {
        requireMode(SAVING, "commitSave");
        if (cursor != end) {
            throw new IllegalStateException(new StringBuilder("commitSave after ")
                    .append(cursor - (end - payloadBytes)).append(" payload bytes, expected ")
                    .append(payloadBytes).toString());
        }
        int c = Crc32.finish(crc);
        for (int k = 0; k < 4; k++) {
            store.write(cursor++, c >>> (8 * k));
        }
        store.flush();
        store.write(targetSlot * slotStride, COMMITTED);
        store.flush();
        mode = IDLE;
    }

    private void putRaw(int value) {
        for (int k = 0; k < 4; k++) {
            int b = (value >>> (8 * k)) & 0xFF;
            store.write(cursor++, b);
            crc = Crc32.update(crc, b);
        }
    }

    // ---------------------------------------------------------------- loading

    /**
     * Finds the newest valid slot and positions the reader at its payload.
     *
     * @return false if the store holds no saved state (blank, or only an interrupted first save)
     * @throws ParameterStoreException if both slots are corrupted, or the newest state belongs to another model
     *                                 or another parameter layout
     * @throws IllegalStateException   if a save or load is already in progress
     */
    public boolean beginLoad() {
        requireMode(IDLE, "beginLoad");
        scan();
        int newest = newestValidSlot();
        if (newest < 0) {
            if (state0 == CORRUPT || state1 == CORRUPT) {
                throw new ParameterStoreException(new StringBuilder("no loadable parameter state: slot 0 is ")
                        .append(stateName(state0)).append(", slot 1 is ").append(stateName(state1))
                        .append(" (CRC or header check failed)").toString());
            }
            return false;
        }
        int base = newest * slotStride;
        int storedModel = readInt(base + MODEL_AT);
        int storedLayout = readInt(base + LAYOUT_AT);
        int storedLength = readInt(base + LENGTH_AT);
        if (storedModel != modelId) {
            throw new ParameterStoreException(new StringBuilder("parameter store was written for model 0x")
                    .append(Integer.toHexString(storedModel)).append(", not for this model 0x")
                    .append(Integer.toHexString(modelId)).append(" (slot ").append(newest).append(", sequence ")
                    .append(readInt(base + SEQUENCE_AT)).append(')').toString());
        }
        if (storedLayout != layoutId || storedLength != payloadBytes) {
            throw new ParameterStoreException(new StringBuilder("parameter store holds layout 0x")
                    .append(Integer.toHexString(storedLayout)).append(" with ").append(storedLength)
                    .append(" bytes, expected layout 0x").append(Integer.toHexString(layoutId)).append(" with ")
                    .append(payloadBytes).append(" bytes (another trainable set?)").toString());
        }
        sequence = newest == 0 ? seq0 : seq1;
        cursor = base + PAYLOAD_OFFSET;
        end = cursor + payloadBytes;
        mode = LOADING;
        return true;
    }

    /**
     * The store byte offset of the next payload int {@link #getInt} or {@link #getInts} will read, so that a
     * caller rejecting a loaded value can say where it lies.
     *
     * @return the offset in the store, in bytes
     * @throws IllegalStateException if no load is in progress
     */
    public int loadOffset() {
        requireMode(LOADING, "loadOffset");
        return cursor;
    }

    /**
     * Reads the next int of the payload being loaded.
     *
     * @return the int, decoded little-endian
     * @throws IllegalStateException if no load is in progress or the payload is exhausted
     */
    public int getInt() {
        requireMode(LOADING, "getInt");
        if (end - cursor < 4) {
            throw overrun("getInt");
        }
        int v = readInt(cursor);
        cursor += 4;
        return v;
    }

    /**
     * Reads the next {@code len} ints of the payload being loaded.
     *
     * @param values the destination array
     * @param off    index in {@code values} of the first int read
     * @param len    number of ints to read
     * @throws IllegalStateException if no load is in progress or fewer than {@code len} ints remain
     */
    public void getInts(int[] values, int off, int len) {
        requireMode(LOADING, "getInts");
        if (end - cursor < 4L * len) {
            throw overrun("getInts");
        }
        for (int i = 0; i < len; i++) {
            values[off + i] = readInt(cursor);
            cursor += 4;
        }
    }

    /**
     * Ends a load; every payload byte must have been read.
     *
     * @throws IllegalStateException if no load is in progress or payload bytes remain unread
     */
    public void endLoad() {
        requireMode(LOADING, "endLoad");
        mode = IDLE;
        if (cursor != end) {
            throw new IllegalStateException(new StringBuilder("endLoad with ").append(end - cursor)
                    .append(" payload bytes unread").toString());
        }
    }

    // ---------------------------------------------------------------- scanning

    private void scan() {
        state0 = checkSlot(0);
        seq0 = state0 == VALID ? readInt(SEQUENCE_AT) : 0;
        state1 = checkSlot(1);
        seq1 = state1 == VALID ? readInt(slotStride + SEQUENCE_AT) : 0;
    }

    private int newestValidSlot() {
        if (state0 == VALID && state1 == VALID) {
            return seq1 - seq0 > 0 ? 1 : 0;
        }
        if (state0 == VALID) {
            return 0;
        }
        return state1 == VALID ? 1 : -1;
    }

    private int checkSlot(int slot) {
        int base = slot * slotStride;
        boolean magicOk = readInt(base + MAGIC_AT) == MAGIC;
        if (store.read(base) != COMMITTED) {
            return magicOk ? INCOMPLETE : BLANK;
        }
        if (!magicOk || readInt(base + VERSION_AT) != FORMAT_VERSION) {
            return CORRUPT;
        }
        int length = readInt(base + LENGTH_AT);
        long limit = slotStride;
        if (length < 0 || (long) PAYLOAD_OFFSET + length + 4 > limit) {
            return CORRUPT;
        }
        int c = Crc32.start();
        int crcAt = base + PAYLOAD_OFFSET + length;
        for (int p = base + MAGIC_AT; p < crcAt; p++) {
            c = Crc32.update(c, store.read(p));
        }
        return Crc32.finish(c) == readInt(crcAt) ? VALID : CORRUPT;
    }

    private int readInt(int offset) {
        return store.read(offset) | (store.read(offset + 1) << 8) | (store.read(offset + 2) << 16)
                | (store.read(offset + 3) << 24);
    }

    private static String stateName(int state) {
        return state == BLANK ? "blank" : state == INCOMPLETE ? "an interrupted save" : "corrupted";
    }

    private void requireMode(int wanted, String call) {
        if (mode != wanted) {
            throw new IllegalStateException(new StringBuilder(call).append(" called while ")
                    .append(mode == IDLE ? "idle" : mode == SAVING ? "saving" : "loading").toString());
        }
    }

    private IllegalStateException overrun(String call) {
        return new IllegalStateException(new StringBuilder(call).append(" beyond the ").append(payloadBytes)
                .append("-byte payload").toString());
    }
}

package dev.downhill.runtime.adapt;

/**
 * The last {@code capacity} labelled samples, for the loss check and for replay: raw readings, or the int8 input
 * tensor for a model without an input stage. Raw values are stored
 * saturated to int16 (the input stage saturates them anyway), two bytes per feature. Allocation-free after
 * construction.
 */
final class SampleRing {

    private final short[] raw;
    private final int[] labels;
    private final int[] scratch;
    private final int features;
    private final int capacity;
    private int size;
    private int newest = -1;

    SampleRing(int capacity, int features) {
        this.capacity = capacity;
        this.features = features;
        this.raw = new short[capacity * features];
        this.labels = new int[capacity];
        this.scratch = new int[features];
    }

    /** Bytes a ring of this shape allocates. */
    static long requiredBytes(int capacity, int features) {
        return 2L * capacity * features + 4L * capacity + 4L * features;
    }

    long memoryBytes() {
        return 2L * raw.length + 4L * labels.length + 4L * scratch.length;
    }

    /** Stores a sample over the oldest one once full. */
    void push(int[] values, int offset, int label) {
        int at = claim(label);
        for (int f = 0; f < features; f++) {
            int v = values[offset + f];
            raw[at + f] = (short) (v < -32768 ? -32768 : (v > 32767 ? 32767 : v));
        }
    }

    /** {@link #push(int[], int, int)} for an int8 sample (a model fed its int8 input tensor). */
    void push(byte[] values, int offset, int label) {
        int at = claim(label);
        for (int f = 0; f < features; f++) {
            raw[at + f] = values[offset + f];
        }
    }

    /** Makes the next slot the newest, with {@code label}; returns where its values go. */
    private int claim(int label) {
        newest = (newest + 1) % capacity;
        labels[newest] = label;
        if (size < capacity) {
            size++;
        }
        return newest * features;
    }

    int size() {
        return size;
    }

    int newestSlot() {
        return newest;
    }

    int label(int slot) {
        return labels[slot];
    }

    /** Copies the raw values of {@code slot} into {@code dst[0..features)}. */
    void copyRaw(int slot, int[] dst) {
        int at = slot * features;
        for (int f = 0; f < features; f++) {
            dst[f] = raw[at + f];
        }
    }

    /** A features-long int buffer owned by the ring, for replaying a sample. */
    int[] scratch() {
        return scratch;
    }
}

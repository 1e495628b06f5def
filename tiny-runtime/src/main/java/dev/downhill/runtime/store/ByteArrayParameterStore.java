package dev.downhill.runtime.store;

/**
 * A {@link ParameterStore} over a caller-supplied {@code byte[]}: RAM for tests and simulations, or a
 * memory-mapped EEPROM image. The array is borrowed, not copied: its contents are the store.
 */
public final class ByteArrayParameterStore implements ParameterStore {

    private final byte[] bytes;

    /**
     * Uses {@code bytes} as the store.
     *
     * @param bytes the backing array, borrowed; its length is the capacity
     * @throws IllegalArgumentException if {@code bytes} is null
     */
    public ByteArrayParameterStore(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("store array is null");
        }
        this.bytes = bytes;
    }

    @Override
    public int size() {
        return bytes.length;
    }

    @Override
    public int read(int offset) {
        return bytes[offset] & 0xFF;
    }

    @Override
    public void write(int offset, int value) {
        bytes[offset] = (byte) value;
    }

    @Override
    public void flush() {
        // RAM: every write is immediately visible and ordered.
    }
}

package dev.downhill.runtime.store;

/**
 * Test double: a RAM store that loses power at a chosen write. Writes before the cut land; the write at the
 * cut leaves {@code tornValue} in its byte (or the intended value when {@code tornValue < 0}) and throws
 * {@link PowerCut}; nothing lands afterwards.
 */
final class PowerCutStore implements ParameterStore {

    /** Thrown at the simulated power failure. */
    static final class PowerCut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PowerCut(int atWrite) {
            super("power cut at write " + atWrite);
        }
    }

    final byte[] bytes;
    private final int cutAtWrite;
    private final int tornValue;
    int writes;

    /** {@code cutAtWrite < 0}: never cut. */
    PowerCutStore(byte[] image, int cutAtWrite, int tornValue) {
        this.bytes = image;
        this.cutAtWrite = cutAtWrite;
        this.tornValue = tornValue;
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
        if (writes == cutAtWrite) {
            bytes[offset] = (byte) (tornValue < 0 ? value : tornValue);
            throw new PowerCut(writes);
        }
        if (cutAtWrite >= 0 && writes > cutAtWrite) {
            throw new IllegalStateException("write after the power cut");
        }
        bytes[offset] = (byte) value;
        writes++;
    }

    @Override
    public void flush() {
    }
}

package dev.downhill.runtime.format;

/** Little-endian reads and writes of int32 at a byte offset. No bounds checks beyond the JVM's. */
public final class LittleEndian {

    private LittleEndian() {
    }

    /**
     * The int32 at {@code offset}.
     *
     * @param b the bytes
     * @param offset index of the int's lowest byte
     * @return the int32 at {@code offset}
     */
    public static int readInt(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16 | b[offset + 3] << 24;
    }

    /**
     * Writes {@code v} as int32 at {@code offset}.
     *
     * @param b the bytes
     * @param offset index of the int's lowest byte
     * @param v the value to write
     */
    public static void writeInt(byte[] b, int offset, int v) {
        b[offset] = (byte) v;
        b[offset + 1] = (byte) (v >> 8);
        b[offset + 2] = (byte) (v >> 16);
        b[offset + 3] = (byte) (v >> 24);
    }
}

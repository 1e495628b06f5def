package dev.downhill.runtime.store;

/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF), the same values as
 * {@code java.util.zip.CRC32}, which is outside the runtime's JDK allowlist.
 *
 * <p>Bitwise rather than table-driven: a table would be a static array (static mutable state) or 1 KB of RAM per
 * store, and a save of a few hundred bytes is rare enough that eight shifts per byte do not matter.
 */
final class Crc32 {

    private Crc32() {
    }

    /** The running value to start a CRC with. */
    static int start() {
        return 0xFFFFFFFF;
    }

    /** Folds one byte (low 8 bits of {@code b}) into running value {@code crc}. */
    static int update(int crc, int b) {
        int c = crc ^ (b & 0xFF);
        for (int k = 0; k < 8; k++) {
            c = (c >>> 1) ^ (0xEDB88320 & -(c & 1));
        }
        return c;
    }

    /** The final CRC from a running value. */
    static int finish(int crc) {
        return ~crc;
    }
}

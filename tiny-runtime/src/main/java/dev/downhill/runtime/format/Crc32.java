package dev.downhill.runtime.format;

/**
 * CRC-32 as in zlib, PNG and {@code java.util.zip.CRC32} (IEEE 802.3 polynomial, reflected {@code 0xEDB88320},
 * initial value and final xor {@code 0xFFFFFFFF}); {@code java.util.zip} is outside the embedded API subset.
 * Check value: CRC-32 of ASCII "123456789" is {@code 0xCBF43926}.
 */
public final class Crc32 {

    /* IMPLEMENTATION NOTES
     * Bitwise, without the usual 256-entry table: a table would be a static int[] (static mutable state, which
     * the embedded contract forbids) or a 1 KB allocation per call. The CRC runs once per model load.
     */

    private static final int POLYNOMIAL = 0xEDB88320;

    private Crc32() {
    }

    /**
     * CRC-32 of {@code b[offset .. offset+length)}.
     *
     * @param b the bytes
     * @param offset index of the first byte
     * @param length number of bytes
     * @return the CRC-32 (IEEE, as {@code java.util.zip.CRC32} computes it)
     */
    public static int compute(byte[] b, int offset, int length) {
        int c = -1;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            c ^= b[i] & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                c = (c >>> 1) ^ (POLYNOMIAL & -(c & 1));
            }
        }
        return ~c;
    }
}

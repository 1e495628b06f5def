package dev.downhill.conformance.robustness;

import dev.downhill.runtime.format.ModelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Field-level access to {@code .dhm} blobs for building bad ones, using the layout constants of
 * {@link ModelFormat} and an independent CRC ({@link CRC32}, which the format's CRC must equal).
 */
final class Blobs {

    private Blobs() {}

    static int readInt(byte[] blob, int at) {
        return ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    static byte[] withInt(byte[] blob, int at, int value) {
        byte[] copy = blob.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return copy;
    }

    /** CRC-32 of everything before the trailer. */
    static int crcOf(byte[] blob) {
        CRC32 crc = new CRC32();
        crc.update(blob, 0, blob.length - ModelFormat.CRC_SIZE);
        return (int) crc.getValue();
    }

    /** A copy with a correct CRC trailer, so validation goes past the CRC check. */
    static byte[] resealed(byte[] blob) {
        return withInt(blob, blob.length - ModelFormat.CRC_SIZE, crcOf(blob));
    }

    static int tableEntry(int section) {
        return ModelFormat.HEADER_SIZE + section * ModelFormat.TABLE_ENTRY_SIZE;
    }

    /** Absolute offset of section {@code section}'s payload, from the section table. */
    static int sectionOffset(byte[] blob, int section) {
        return readInt(blob, tableEntry(section) + ModelFormat.ENTRY_OFFSET);
    }

    static int sectionLength(byte[] blob, int section) {
        return readInt(blob, tableEntry(section) + ModelFormat.ENTRY_LENGTH);
    }

    static int sectionCount(byte[] blob) {
        return readInt(blob, ModelFormat.HEADER_SECTION_COUNT);
    }

    static byte[] prefix(byte[] blob, int length) {
        byte[] b = new byte[length];
        System.arraycopy(blob, 0, b, 0, Math.min(length, blob.length));
        return b;
    }
}

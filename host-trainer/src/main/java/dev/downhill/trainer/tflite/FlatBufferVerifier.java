package dev.downhill.trainer.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Bounds-checks a FlatBuffer against {@link FlatBufferTableLayout}s before any generated accessor
 * touches it. flatbuffers-java has no verifier: on a corrupt file its accessors read wherever an
 * offset points and fail deep inside with {@code IndexOutOfBoundsException} (or, worse, return
 * garbage). After {@link #verify} returns, every field that the layouts list can be read with the
 * generated accessors without leaving the buffer.
 *
 * <p>Checked, for every table reachable through the listed fields: the table and its vtable lie
 * inside the file and are aligned; each listed field lies inside its table; every offset points
 * forward into the file; every vector's length prefix and elements lie inside the file; every
 * string ends with its 0 byte. Values are not judged here (a tensor index out of range is the
 * reader's business), only where the bytes are.
 *
 * <p>IMPLEMENTATION NOTES: flatbuffers-java reads vtable entries with {@code getShort}, i.e. signed,
 * so vtable sizes and field offsets of 0x8000 and above are refused rather than interpreted two
 * ways. Tables already verified under the same layout are skipped, so a file whose vectors all
 * point at one table costs linear, not quadratic, time.
 */
final class FlatBufferVerifier {

    private final ByteBuffer bb;
    private final int length;
    private final Map<FlatBufferTableLayout, BitSet> done = new IdentityHashMap<>();

    private FlatBufferVerifier(ByteBuffer bb) {
        this.bb = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.length = bb.limit();
    }

    /**
     * Verifies {@code file} (position 0 to limit) as a FlatBuffer with the given root table and
     * 4-character file identifier; returns the root table's position.
     *
     * @throws TfliteFormatException naming the first problem found and its byte offset
     */
    static int verify(ByteBuffer file, FlatBufferTableLayout root, String fileIdentifier) {
        return new FlatBufferVerifier(file).verifyRoot(root, fileIdentifier);
    }

    private int verifyRoot(FlatBufferTableLayout root, String fileIdentifier) {
        if (length < 8) {
            throw new TfliteFormatException("file is " + length + " bytes, too short for a TFLite model"
                    + " (at least 8: root offset and file identifier)", 0);
        }
        byte[] id = new byte[4];
        bb.get(4, id);
        if (!fileIdentifier.equals(new String(id, StandardCharsets.ISO_8859_1))) {
            throw new TfliteFormatException("file identifier is " + printable(id) + ", expected '"
                    + fileIdentifier + "': not a TFLite model (schema version 3)", 4);
        }
        long rootPos = offsetTarget(0, root.name + " (root offset)");
        table(rootPos, root, root.name);
        return (int) rootPos;
    }

    private void table(long pos, FlatBufferTableLayout layout, String path) {
        if (pos % 4 != 0) {
            throw fail(path, "table at byte " + pos + " is not 4-byte aligned", pos);
        }
        if (pos + 4 > length) {
            throw fail(path, "table at byte " + pos + " starts past the end of the file", pos);
        }
        BitSet seen = done.computeIfAbsent(layout, k -> new BitSet());
        if (seen.get((int) pos)) {
            return;
        }
        long vtable = pos - bb.getInt((int) pos);
        if (vtable < 0 || vtable + 4 > length || vtable % 2 != 0) {
            throw fail(path, "vtable of the table at byte " + pos + " would be at byte " + vtable
                    + ", outside the " + length + "-byte file or misaligned", pos);
        }
        int vtableSize = u16(vtable);
        int tableSize = u16(vtable + 2);
        if (vtableSize < 4 || vtableSize % 2 != 0 || vtableSize >= 0x8000 || vtable + vtableSize > length) {
            throw fail(path, "vtable at byte " + vtable + " declares a size of " + vtableSize + " bytes", vtable);
        }
        if (tableSize < 4 || tableSize >= 0x8000 || pos + tableSize > length) {
            throw fail(path, "table at byte " + pos + " declares " + tableSize + " bytes, past the end of the "
                    + length + "-byte file", vtable + 2);
        }
        for (FlatBufferTableLayout.Field field : layout.fields()) {
            if (field != null) {
                field(pos, vtable, vtableSize, tableSize, field, path + "." + field.name());
            }
        }
        seen.set((int) pos);
    }

    private void field(long table, long vtable, int vtableSize, int tableSize,
                       FlatBufferTableLayout.Field field, String path) {
        int slot = 4 + 2 * field.id();
        if (slot >= vtableSize) {
            return; // absent: the accessor returns the default
        }
        int fieldOffset = u16(vtable + slot);
        if (fieldOffset == 0) {
            return;
        }
        int width = field.kind() == FlatBufferTableLayout.Kind.SCALAR ? field.size() : 4;
        if (fieldOffset >= 0x8000 || fieldOffset < 4 || fieldOffset + width > tableSize) {
            throw fail(path, "field offset " + fieldOffset + " lies outside its " + tableSize + "-byte table",
                    vtable + slot);
        }
        long at = table + fieldOffset;
        if (at % width != 0) {
            throw fail(path, width + "-byte field at byte " + at + " is misaligned", at);
        }
        switch (field.kind()) {
            case SCALAR -> { }
            case STRING -> {
                long start = vector(at, 1, path);
                long end = start + bb.getInt((int) start - 4);
                if (end >= length || bb.get((int) end) != 0) {
                    throw fail(path, "string at byte " + start + " has no terminating 0 byte", end);
                }
            }
            case SCALAR_VECTOR -> vector(at, field.size(), path);
            case TABLE -> table(offsetTarget(at, path), field.table(), path);
            case TABLE_VECTOR -> {
                long start = vector(at, 4, path);
                int n = bb.getInt((int) start - 4);
                for (int i = 0; i < n; i++) {
                    long element = start + 4L * i;
                    table(offsetTarget(element, path + "[" + i + "]"), field.table(), path + "[" + i + "]");
                }
            }
            case UNION -> {
                int typeSlot = 4 + 2 * field.size();
                int typeOffset = typeSlot < vtableSize ? u16(vtable + typeSlot) : 0;
                int type = typeOffset == 0 ? 0 : bb.get((int) (table + typeOffset)) & 0xff;
                FlatBufferTableLayout member = field.unionMembers().get(type);
                if (member != null) {
                    table(offsetTarget(at, path), member, path + "<" + member.name + ">");
                }
                // Members this subset does not know are never read, so their bytes are not checked.
            }
            default -> throw new IllegalStateException(field.kind().toString());
        }
    }

    /** Follows the uoffset stored at {@code at}; returns where it points, which lies inside the file. */
    private long offsetTarget(long at, String path) {
        if (at + 4 > length) {
            throw fail(path, "offset at byte " + at + " runs past the end of the " + length + "-byte file", at);
        }
        long value = bb.getInt((int) at) & 0xffffffffL;
        long target = at + value;
        if (value == 0 || target >= length) {
            throw fail(path, "offset " + value + " at byte " + at + " points to byte " + target
                    + ", outside the " + length + "-byte file", at);
        }
        return target;
    }

    /** Checks the vector whose uoffset is at {@code at}; returns the position of its first element. */
    private long vector(long at, int elementSize, String path) {
        long lengthPrefix = offsetTarget(at, path);
        if (lengthPrefix % 4 != 0) {
            throw fail(path, "vector at byte " + lengthPrefix + " is not 4-byte aligned", lengthPrefix);
        }
        if (lengthPrefix + 4 > length) {
            throw fail(path, "vector length at byte " + lengthPrefix + " runs past the end of the "
                    + length + "-byte file", lengthPrefix);
        }
        long count = bb.getInt((int) lengthPrefix) & 0xffffffffL;
        long start = lengthPrefix + 4;
        long end = start + count * elementSize;
        if (end > length) {
            throw fail(path, "vector of " + count + " elements of " + elementSize + " bytes at byte " + start
                    + " ends at byte " + end + ", past the end of the " + length + "-byte file", lengthPrefix);
        }
        if (elementSize == 8 && start % 8 != 0) {
            throw fail(path, "vector of 8-byte elements at byte " + start + " is not 8-byte aligned", start);
        }
        return start;
    }

    private int u16(long at) {
        return bb.getShort((int) at) & 0xffff;
    }

    private static TfliteFormatException fail(String path, String problem, long at) {
        return new TfliteFormatException("corrupt TFLite file: " + path + ": " + problem, at);
    }

    private static String printable(byte[] id) {
        StringBuilder sb = new StringBuilder("0x");
        for (byte b : id) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }
}

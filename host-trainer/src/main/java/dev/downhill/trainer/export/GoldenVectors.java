package dev.downhill.trainer.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A set of golden vectors for one {@code .dhm} model and its binary file format (version 1,
 * little-endian, documented in docs/export-formats.md), so another port of the runtime or a
 * board's self-test can check itself bit by bit.
 *
 * @param modelSha256 SHA-256 of the {@code .dhm} the vectors belong to (32 bytes)
 * @param generator who wrote the file, e.g. {@code "downhill 0.1.0"}
 * @param source how the inputs were chosen, e.g. {@code "digits-test.csv rows 1-20"}
 * @param features the number of input features
 * @param hasRaw whether every case carries raw input-stage values
 * @param outputLengths the length of each operator's int8 output
 * @param cases the vectors
 */
public record GoldenVectors(byte[] modelSha256, String generator, String source, int features, boolean hasRaw,
        int[] outputLengths, List<GoldenCase> cases) {

    /** "DHGV" in file order. */
    public static final byte[] MAGIC = {'D', 'H', 'G', 'V'};
    public static final int VERSION = 1;
    private static final int FIXED_HEADER = 56;

    public GoldenVectors {
        cases = List.copyOf(cases);
        if (modelSha256.length != 32) {
            throw new IllegalArgumentException("model SHA-256 must be 32 bytes");
        }
        for (GoldenCase c : cases) {
            if ((c.raw() != null) != hasRaw || (hasRaw && c.raw().length != features) || c.input().length != features
                    || c.outputs().length != outputLengths.length) {
                throw new IllegalArgumentException("golden case does not match the declared shapes");
            }
            for (int t = 0; t < outputLengths.length; t++) {
                if (c.outputs()[t].length != outputLengths[t]) {
                    throw new IllegalArgumentException("golden case output " + t + " has the wrong length");
                }
            }
        }
    }

    /** Lowercase hex of {@link #modelSha256}. */
    public String modelSha256Hex() {
        return HexFormat.of().formatHex(modelSha256);
    }

    /** The file bytes: header, cases, CRC-32 trailer. */
    public byte[] toBytes() {
        byte[] gen = generator.getBytes(StandardCharsets.UTF_8);
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        int header = FIXED_HEADER + 4 * outputLengths.length + 2 + gen.length + 2 + src.length;
        int perCase = (hasRaw ? 4 * features : 0) + features + Arrays.stream(outputLengths).sum();
        ByteBuffer b = ByteBuffer.allocate(header + perCase * cases.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(header).put(modelSha256)
                .putInt(cases.size()).putInt(features).put((byte) (hasRaw ? 1 : 0)).put((byte) 0)
                .putShort((short) outputLengths.length);
        for (int len : outputLengths) {
            b.putInt(len);
        }
        b.putShort((short) gen.length).put(gen).putShort((short) src.length).put(src);
        for (GoldenCase c : cases) {
            if (hasRaw) {
                for (int v : c.raw()) {
                    b.putInt(v);
                }
            }
            b.put(c.input());
            for (byte[] out : c.outputs()) {
                b.put(out);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Parses a golden-vector file.
     *
     * @param name the file name, for messages
     * @throws GoldenFormatException naming the problem and its byte offset
     */
    public static GoldenVectors read(byte[] file, String name) {
        Reader r = new Reader(file, name);
        r.need(FIXED_HEADER + 4, "header");
        if (!Arrays.equals(Arrays.copyOf(file, 4), MAGIC)) {
            throw r.error(0, "not a golden-vector file (magic is not DHGV)");
        }
        int version = r.u16(4);
        if (version != VERSION) {
            throw r.error(4, "unsupported golden-vector version " + version + " (this reader knows " + VERSION + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 4);
        if ((int) crc.getValue() != r.i32(file.length - 4)) {
            throw r.error(file.length - 4, "CRC-32 mismatch: the file is corrupt or truncated");
        }
        int header = r.i32(8);
        byte[] sha = Arrays.copyOfRange(file, 12, 44);
        int count = r.i32(44);
        int features = r.i32(48);
        int flags = file[52] & 0xFF;
        if ((flags & ~1) != 0) {
            throw r.error(52, "unknown flags " + flags);
        }
        int tensors = r.u16(54);
        int at = 56;
        if (count < 0 || features <= 0 || tensors == 0) {
            throw r.error(44, "bad counts: " + count + " cases, " + features + " features, " + tensors + " outputs");
        }
        int[] lengths = new int[tensors];
        long perCase = ((flags & 1) != 0 ? 4L * features : 0) + features;
        for (int t = 0; t < tensors; t++) {
            r.need(at + 4, "output lengths");
            lengths[t] = r.i32(at);
            if (lengths[t] <= 0) {
                throw r.error(at, "output " + t + " has length " + lengths[t]);
            }
            perCase += lengths[t];
            at += 4;
        }
        String generator = r.string(at);
        at += 2 + r.u16(at);
        String source = r.string(at);
        at += 2 + r.u16(at);
        if (at != header) {
            throw r.error(8, "header length says " + header + " bytes, fields take " + at);
        }
        if (count > 0 && perCase > file.length) { // else perCase * count can wrap around and match the length
            throw r.error(44, count + " cases of " + perCase + " bytes each cannot fit in " + file.length + " bytes");
        }
        long expected = header + perCase * count + 4;
        if (expected != file.length) {
            throw r.error(file.length, "file has " + file.length + " bytes, header promises " + expected);
        }
        boolean hasRaw = (flags & 1) != 0;
        List<GoldenCase> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] raw = null;
            if (hasRaw) {
                raw = new int[features];
                for (int f = 0; f < features; f++, at += 4) {
                    raw[f] = r.i32(at);
                }
            }
            byte[] input = Arrays.copyOfRange(file, at, at + features);
            at += features;
            byte[][] outs = new byte[tensors][];
            for (int t = 0; t < tensors; t++) {
                outs[t] = Arrays.copyOfRange(file, at, at + lengths[t]);
                at += lengths[t];
            }
            cases.add(new GoldenCase(raw, input, outs));
        }
        return new GoldenVectors(sha, generator, source, features, hasRaw, lengths, cases);
    }

    /** Bounds-checked little-endian reads that report the byte offset. */
    private record Reader(byte[] file, String name) {
        void need(long end, String what) {
            if (end > file.length) {
                throw error(file.length, "truncated: the " + what + " needs " + end + " bytes, file has " + file.length);
            }
        }

        int u16(int at) {
            need(at + 2L, "field at byte " + at);
            return (file[at] & 0xFF) | (file[at + 1] & 0xFF) << 8;
        }

        int i32(int at) {
            need(at + 4L, "field at byte " + at);
            return ByteBuffer.wrap(file, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }

        String string(int at) {
            int len = u16(at);
            need(at + 2L + len, "string at byte " + at);
            return new String(file, at + 2, len, StandardCharsets.UTF_8);
        }

        GoldenFormatException error(int offset, String message) {
            return new GoldenFormatException(name + ": " + message + " (byte " + offset + ")");
        }
    }
}

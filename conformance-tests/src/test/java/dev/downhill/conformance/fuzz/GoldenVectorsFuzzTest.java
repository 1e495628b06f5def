package dev.downhill.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.downhill.trainer.export.GoldenCase;
import dev.downhill.trainer.export.GoldenFormatException;
import dev.downhill.trainer.export.GoldenVectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link GoldenVectors#read(byte[], String)} on arbitrary bytes: nothing but {@link GoldenFormatException} escapes,
 * its message names the file and a byte; what reads can be written and read again. Each input is tried as is and
 * with its CRC trailer recomputed, so the fuzzer gets past the CRC to the structure. Seeds ({@link FuzzSeeds}):
 * golden vectors of the digits model, with and without raw inputs.
 */
class GoldenVectorsFuzzTest {

    private static final String NAME = "fuzz.dhgv";

    @FuzzTest(maxDuration = "3m")
    void readsCleanlyOrRejects(byte[] file) {
        FuzzRecord.executed(GoldenVectorsFuzzTest.class, "readsCleanlyOrRejects");
        read(file);
        if (file.length >= 4) {
            read(resealed(file));
        }
    }

    @AfterAll
    static void record() {
        FuzzRecord.record(GoldenVectorsFuzzTest.class, "readsCleanlyOrRejects", "golden vector reader GoldenVectors.read");
    }

    private static void read(byte[] file) {
        GoldenVectors g;
        try {
            g = GoldenVectors.read(file, NAME);
        } catch (GoldenFormatException e) {
            if (!e.getMessage().startsWith(NAME + ": ") || !e.getMessage().matches("(?s).*\\(byte \\d+\\)$")) {
                throw new AssertionError("message does not name the file and a byte: " + e.getMessage(), e);
            }
            return;
        }
        for (GoldenCase c : g.cases()) {
            if (c.input().length != g.features() || c.outputs().length != g.outputLengths().length) {
                throw new AssertionError("case shape does not match the header");
            }
        }
        // The writer must take what the reader accepted (the reader ignores reserved bytes, so no byte equality).
        GoldenVectors back = GoldenVectors.read(g.toBytes(), NAME);
        if (back.cases().size() != g.cases().size() || back.features() != g.features()) {
            throw new AssertionError("accepted file does not survive a write and a re-read");
        }
    }

    static byte[] resealed(byte[] file) {
        byte[] b = file.clone();
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }
}

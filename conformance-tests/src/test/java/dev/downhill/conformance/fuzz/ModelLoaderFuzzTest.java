package dev.downhill.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.ModelFormatException;
import dev.downhill.runtime.format.ModelFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link Model#load(byte[])} on arbitrary bytes: nothing but {@link ModelFormatException} escapes, with its byte
 * offset inside the blob, and a model that loads runs. Each input is tried twice: as is, and "resealed" (total
 * length field and CRC trailer rewritten) so the fuzzer reaches the structural checks behind the integrity checks
 * instead of spending its time on CRC mismatches.
 *
 * <p>Seeds: the digits adaptation model, the hello_world model, small random MLPs and the whole bad-model corpus.
 */
class ModelLoaderFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void loadsCleanlyOrRejects(byte[] blob) {
        FuzzRecord.executed(ModelLoaderFuzzTest.class, "loadsCleanlyOrRejects");
        loadAndRun(blob);
        if (blob.length >= ModelFormat.MIN_BLOB_SIZE) {
            loadAndRun(resealed(blob));
        }
    }

    @AfterAll
    static void record() {
        FuzzRecord.record(ModelLoaderFuzzTest.class, "loadsCleanlyOrRejects", ".dhm loader Model.load");
    }

    private static void loadAndRun(byte[] blob) {
        Model model;
        try {
            model = Model.load(blob);
        } catch (ModelFormatException e) {
            if (e.byteOffset() < 0 || e.byteOffset() > blob.length
                    || !e.getMessage().contains("(at byte " + e.byteOffset() + ")")) {
                throw new AssertionError("bad byte offset " + e.byteOffset() + " of a " + blob.length
                        + "-byte blob in: " + e.getMessage(), e);
            }
            return;
        }
        LoadedModel.mustRun(model);
    }

    /** A copy whose length field equals its length and whose CRC trailer matches. */
    static byte[] resealed(byte[] blob) {
        byte[] b = blob.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(ModelFormat.HEADER_TOTAL_LENGTH, b.length);
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - ModelFormat.CRC_SIZE);
        buf.putInt(b.length - ModelFormat.CRC_SIZE, (int) crc.getValue());
        return b;
    }
}

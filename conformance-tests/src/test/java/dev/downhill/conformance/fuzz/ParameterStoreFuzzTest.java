package dev.downhill.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.TrainableSet;
import dev.downhill.runtime.store.ByteArrayParameterStore;
import dev.downhill.runtime.store.DualSlotStore;
import dev.downhill.runtime.store.ParameterStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;

/**
 * A parameter-store image of arbitrary bytes, restored into an adapter of the digits model with every trainable
 * set enabled ({@link DualSlotStore} over a {@link ByteArrayParameterStore}, then {@link Adapter#restore}): nothing
 * but {@link ParameterStoreException} escapes, and after a restore (or none) the adapter still steps and the
 * interpreter still runs.
 *
 * <p>Each image is tried as is and "resealed": both slots get the right magic, version, model id, layout id,
 * payload length and CRC, so the fuzzer's bytes reach the payload as parameter values instead of being stopped by
 * the header checks. Seeds ({@link FuzzSeeds}): an image saved after 20 adaptation steps, a blank one and one with
 * a torn save.
 */
class ParameterStoreFuzzTest {

    static final String MODEL = "/golden/downhill/adaptation-trace-model.dhm";
    private static final Model DIGITS = Model.load(resource(MODEL));

    @FuzzTest(maxDuration = "3m")
    void restoresCleanlyOrRejects(byte[] image) {
        FuzzRecord.executed(ParameterStoreFuzzTest.class, "restoresCleanlyOrRejects");
        restoreAndStep(image.clone());
        Adapter probe = newAdapter();
        if (image.length >= DualSlotStore.requiredBytes(probe.payloadBytes(), 1)) {
            restoreAndStep(resealed(image, probe));
        }
    }

    @AfterAll
    static void record() {
        FuzzRecord.record(ParameterStoreFuzzTest.class, "restoresCleanlyOrRejects",
                "parameter store restore DualSlotStore/Adapter.restore");
    }

    /** The adapter every image is restored into: all three trainable sets, so the payload holds every kind. */
    static Adapter newAdapter() {
        return new Adapter(new Interpreter(DIGITS, Interpreter.RETAIN_ACTIVATIONS), new AdapterConfig()
                .trainable(TrainableSet.INPUT_AFFINE | TrainableSet.BIASES | TrainableSet.LAST_LAYER));
    }

    private static void restoreAndStep(byte[] image) {
        Adapter adapter = newAdapter();
        DualSlotStore slots;
        try {
            slots = adapter.slotsOver(new ByteArrayParameterStore(image), 1);
            adapter.restore(slots);
        } catch (ParameterStoreException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("ParameterStoreException without a message", e);
            }
            return;
        }
        int[] raw = new int[DIGITS.inputSize()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (i * 5) % 17;
        }
        for (int label = 0; label < 3; label++) {
            int outcome = adapter.step(raw, 0, label);
            if (outcome < Adapter.APPLIED || outcome > Adapter.RESET_BY_MONITOR) {
                throw new AssertionError("step outcome " + outcome);
            }
        }
        LoadedModel.mustRun(DIGITS);
        adapter.save(slots); // the store that was restored from must take a save again
    }

    /** A copy with both slots' headers made to match {@code adapter} and their CRCs recomputed. */
    static byte[] resealed(byte[] image, Adapter adapter) {
        byte[] b = image.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int stride = b.length / 2;
        int payload = adapter.payloadBytes();
        for (int base : new int[] {0, stride}) {
            buf.putInt(base + 1, 'D' | ('H' << 8) | ('P' << 16) | ('S' << 24));
            buf.putInt(base + 5, 1);
            buf.putInt(base + 13, Adapter.modelId(DIGITS));
            buf.putInt(base + 17, adapter.layoutId());
            buf.putInt(base + 21, payload);
            CRC32 crc = new CRC32();
            crc.update(b, base + 1, 24 + payload);
            buf.putInt(base + 25 + payload, (int) crc.getValue());
        }
        return b;
    }

    static byte[] resource(String path) {
        try (InputStream in = ParameterStoreFuzzTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

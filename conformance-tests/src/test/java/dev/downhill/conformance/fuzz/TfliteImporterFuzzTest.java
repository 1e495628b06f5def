package dev.downhill.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.tflite.TfliteImportException;
import dev.downhill.trainer.tflite.TfliteImporter;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link TfliteImporter#toDhm(byte[])} on arbitrary bytes: nothing but {@link TfliteImportException} escapes, and
 * whatever it accepts becomes a {@code .dhm} that the runtime loads without complaint and runs. Seeds: TFLM's
 * hello_world model, int8 and float (the latter must be refused as unsupported).
 */
class TfliteImporterFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void importsCleanlyOrRejects(byte[] tflite) {
        FuzzRecord.executed(TfliteImporterFuzzTest.class, "importsCleanlyOrRejects");
        byte[] dhm;
        try {
            dhm = TfliteImporter.toDhm(tflite);
        } catch (TfliteImportException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("TfliteImportException without a message", e);
            }
            return;
        }
        // No ModelFormatException allowed here: the importer's output is valid by construction.
        LoadedModel.mustRun(Model.load(dhm));
    }

    @AfterAll
    static void record() {
        FuzzRecord.record(TfliteImporterFuzzTest.class, "importsCleanlyOrRejects", "TFLite importer toDhm");
    }
}

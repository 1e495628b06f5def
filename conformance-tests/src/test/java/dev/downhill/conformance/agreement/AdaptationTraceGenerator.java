package dev.downhill.conformance.agreement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Regenerates the golden adaptation trace: writes the digits fixture model to
 * {@code adaptation-trace-model.dhm} and the trace (with its provenance header) to {@code adaptation-trace.txt}
 * in the directory given as the only argument (normally {@code conformance-tests/src/test/resources/golden/downhill}).
 * Run it from the IDE or with the test classpath; commit both files. Writes to temporary files first, then renames.
 */
public final class AdaptationTraceGenerator {

    /** Bump when the trace format or the recipes in {@link AdaptationTraceWorker} change. */
    static final int VERSION = 3;

    private AdaptationTraceGenerator() {
    }

    static String header() {
        return "# generator: dev.downhill.conformance.agreement.AdaptationTraceGenerator\n"
                + "# generatorVersion: " + VERSION + "\n"
                + "# seed: 42 (AdaptationDigitsFixture training); the stream is adaptation-digits-test.csv rows 0.."
                + (AdaptationTraceWorker.STEPS - 1) + " in file order, drift " + AdaptationTraceWorker.DRIFT + "\n"
                + "# source: fixed-point adapt.Adapter on adaptation-trace-model.dhm (the digits fixture model)\n"
                + "# regenerate: run AdaptationTraceGenerator with conformance-tests/src/test/resources/golden/downhill\n";
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        write(dir.resolve("adaptation-trace-model.dhm"), AdaptationDigitsFixture.BLOB);
        write(dir.resolve("adaptation-trace.txt"),
                (header() + AdaptationTraceWorker.trace(AdaptationDigitsFixture.BLOB)).getBytes(StandardCharsets.US_ASCII));
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

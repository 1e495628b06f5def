package dev.downhill.conformance.determinism;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.agreement.AdaptationTraceWorker;
import dev.downhill.conformance.embedded.ClassFiles;
import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Interpreter;
import dev.downhill.trainer.adapt.Drift;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed golden adaptation trace ({@code golden/downhill/adaptation-trace.txt}: every step's outcome and a
 * CRC of all master parameters, then the final parameters, for two recipes over 60 drifted digits) is reproduced
 * bit-exactly by {@link AdaptationTraceWorker} in forked JVMs: the default JDK with the JIT, the default JDK with
 * {@code -Xint}, and Temurin 25 ({@value CrossJvmDeterminismTest#TEMURIN_25}) when it is installed (skipped with a
 * report line when absent). On-device adaptation is integer-only, so a difference means a JIT-dependent or
 * JDK-dependent result: exactly what a device would not reproduce.
 */
class AdaptationCrossJvmTest {

    private static final String GOLDEN = "/golden/downhill/adaptation-trace.txt";
    private static final long TIMEOUT_SECONDS = 300;

    private static String golden;
    private static List<Path> classPath;

    @BeforeAll
    static void loadGolden() throws IOException {
        try (InputStream in = AdaptationCrossJvmTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file " + GOLDEN).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            // The body is everything after the '#' header lines; the worker prints exactly the body.
            int body = text.indexOf("\nmodel-crc ");
            assertThat(body).as("model-crc line in " + GOLDEN).isPositive();
            golden = text.substring(body + 1);
        }
        // Runtime, host-trainer (the drift of the stream) and this module's test classes (worker and resources).
        classPath = List.of(ClassFiles.codeSourceOf(Interpreter.class), ClassFiles.codeSourceOf(Drift.class),
                ClassFiles.codeSourceOf(AdaptationTraceWorker.class));
    }

    @Test
    void forkedJvmWithTheJitReproducesTheTrace() {
        check("forked JVM, JIT", defaultJava(), List.of());
    }

    @Test
    void forkedJvmUnderXintReproducesTheTrace() {
        check("forked JVM, -Xint", defaultJava(), List.of("-Xint"));
    }

    @Test
    void temurin25ReproducesTheTrace() {
        Path java = Paths.get(CrossJvmDeterminismTest.TEMURIN_25, "bin", "java");
        if (!Files.isExecutable(java)) {
            ConformanceReport.record("adaptation determinism: Temurin 25", "skipped: " + java + " absent",
                    "== golden trace", true);
        }
        Assumptions.assumeTrue(Files.isExecutable(java),
                "Temurin 25 not installed at " + CrossJvmDeterminismTest.TEMURIN_25 + "; skipped");
        check("Temurin 25", java, List.of());
    }

    private static Path defaultJava() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    private static void check(String jvm, Path java, List<String> jvmArgs) {
        String trace = ForkedJvm.run(java, jvmArgs, classPath, AdaptationTraceWorker.class, TIMEOUT_SECONDS);
        boolean same = trace.equals(golden);
        long steps = trace.lines().filter(l -> l.startsWith("step ")).count();
        ConformanceReport.record("adaptation determinism: " + jvm,
                same ? steps + " steps, trace == golden" : "trace differs (" + steps + " steps)", "== golden trace", same);
        assertThat(trace).as("adaptation trace in %s (intended change? regenerate with AdaptationTraceGenerator)", jvm)
                .isEqualTo(golden);
    }
}

package dev.downhill.conformance.determinism;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.embedded.ClassFiles;
import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Interpreter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The golden digest of {@link InferenceDigest}'s workload ({@code golden/downhill/inference-digest.txt})
 * is reproduced bit-exactly in this JVM and in forked JVMs: the default JDK with the JIT, the default
 * JDK with {@code -Xint}, and Temurin 25 ({@value #TEMURIN_25}) when it is installed. Integer
 * arithmetic has one answer; this guards against anything that would make it two (a JIT
 * intrinsic, an accidental float, a data race).
 *
 * <p>Regenerate the golden after an intended change of the arithmetic:
 * {@code mvn -B -q -pl conformance-tests -am verify -Dtest=CrossJvmDeterminismTest -Ddownhill.regenerate=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CrossJvmDeterminismTest {

    static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final String GOLDEN = "/golden/downhill/inference-digest.txt";
    private static final long TIMEOUT_SECONDS = 300;

    private static String golden;
    private static List<Path> classPath;

    @BeforeAll
    static void loadGolden() throws IOException {
        if (Boolean.getBoolean("downhill.regenerate")) {
            Path file = Paths.get("src/test/resources" + GOLDEN);
            Files.writeString(file, "# generator: dev.downhill.conformance.determinism.InferenceDigest\n"
                    + "# generatorVersion: 1\n# seed: " + InferenceDigest.SEED + "\n"
                    + "# source: RandomMlp.standard(seed) (64-32-16-10 + softmax), " + InferenceDigest.INFERENCES
                    + " int8 and " + InferenceDigest.INFERENCES + " raw sensor inputs; SHA-256 over all int8 outputs\n"
                    + "# first int8 output: " + Arrays.toString(InferenceDigest.firstOutput()) + "\n"
                    + "digest " + InferenceDigest.compute() + "\n", StandardCharsets.UTF_8);
            System.out.println("regenerated " + file.toAbsolutePath() + " (rebuild to pick it up)");
        }
        try (InputStream in = CrossJvmDeterminismTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file " + GOLDEN).isNotNull();
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("digest ")).findFirst().orElseThrow();
        }
        // The runtime's classes and this module's test classes are all the forked workload needs.
        classPath = List.of(ClassFiles.codeSourceOf(Interpreter.class), ClassFiles.codeSourceOf(InferenceDigest.class));
    }

    @Test
    void thisJvmReproducesTheGolden() {
        check("this JVM", "digest " + InferenceDigest.compute());
    }

    @Test
    void forkedJvmWithTheJitReproducesTheGolden() {
        check("forked JVM, JIT", fork(defaultJava(), List.of()));
    }

    @Test
    void forkedJvmUnderXintReproducesTheGolden() {
        check("forked JVM, -Xint", fork(defaultJava(), List.of("-Xint")));
    }

    @Test
    void temurin25ReproducesTheGolden() {
        Path java = Paths.get(TEMURIN_25, "bin", "java");
        if (!Files.isExecutable(java)) {
            ConformanceReport.record("determinism: Temurin 25", "skipped: " + java + " absent", "== golden", true);
        }
        Assumptions.assumeTrue(Files.isExecutable(java), "Temurin 25 not installed at " + TEMURIN_25 + "; skipped");
        check("Temurin 25", fork(java, List.of()));
    }

    private static Path defaultJava() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    private static String fork(Path java, List<String> jvmArgs) {
        String out = ForkedJvm.run(java, jvmArgs, classPath, InferenceDigest.class, TIMEOUT_SECONDS);
        return out.lines().filter(l -> l.startsWith("digest ")).findFirst()
                .orElseThrow(() -> new AssertionError("no digest line in the forked JVM's output:\n" + out));
    }

    private static void check(String jvm, String digestLine) {
        boolean same = digestLine.equals(golden);
        ConformanceReport.record("determinism: " + jvm, same ? "digest == golden" : digestLine, "== golden", same);
        assertThat(digestLine).as("inference digest in %s", jvm).isEqualTo(golden);
    }
}

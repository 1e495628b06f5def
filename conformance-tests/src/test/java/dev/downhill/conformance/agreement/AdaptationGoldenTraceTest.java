package dev.downhill.conformance.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.runtime.Interpreter;
import dev.downhill.trainer.adapt.Drift;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The golden adaptation trace ({@code golden/downhill/adaptation-trace.txt}) is reproduced bit-exactly in this
 * JVM (JIT) and in a forked {@code -Xint} JVM. On a mismatch, regenerate with {@link AdaptationTraceGenerator}
 * only if the change in adaptation arithmetic is intended.
 */
class AdaptationGoldenTraceTest {

    private static final String GOLDEN = "/golden/downhill/adaptation-trace.txt";
    private static final String HINT = " (intended change? regenerate with AdaptationTraceGenerator, see docs/adaptation.md)";

    private static String goldenBody() throws IOException {
        String text = new String(AdaptationTraceWorker.resource(GOLDEN), StandardCharsets.US_ASCII);
        assertThat(text).startsWith(AdaptationTraceGenerator.header());
        return text.substring(AdaptationTraceGenerator.header().length());
    }

    @Test
    void traceIsReproducedInThisJvm() throws IOException {
        assertThat(AdaptationTraceWorker.trace(AdaptationTraceWorker.resource(AdaptationTraceWorker.MODEL))).as("adaptation trace under the JIT" + HINT).isEqualTo(goldenBody());
    }

    @Test
    void goldenModelIsTheFixtureModel() throws IOException {
        assertThat(AdaptationTraceWorker.resource(AdaptationTraceWorker.MODEL))
                .as("adaptation-trace-model.dhm" + HINT).isEqualTo(AdaptationDigitsFixture.BLOB);
    }

    @Test
    void traceIsReproducedUnderXint() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xint");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, codeSource(Interpreter.class), codeSource(Drift.class),
                codeSource(AdaptationTraceWorker.class)));
        command.add(AdaptationTraceWorker.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("forked -Xint JVM finished").isTrue();
        String text = new String(out, StandardCharsets.US_ASCII);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).as("adaptation trace under -Xint" + HINT).isEqualTo(goldenBody());
    }

    private static String codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}

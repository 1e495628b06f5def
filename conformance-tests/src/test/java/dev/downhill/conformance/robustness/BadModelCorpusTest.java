package dev.downhill.conformance.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every blob of the committed bad-model corpus ({@code src/test/resources/bad-models/}) is rejected
 * with a {@link ModelFormatException} whose message contains the fragment listed for it in
 * {@code expected-messages.txt}, byte offset included. The corpus is regenerated and compared with
 * the committed files, so it cannot go stale.
 */
class BadModelCorpusTest {

    private static final String DIR = "/bad-models/";

    @Test
    void committedCorpusIsWhatTheGeneratorMakes() throws IOException {
        List<BadModelCorpus.BadModel> generated = BadModelCorpus.all();
        if (Boolean.getBoolean("downhill.regenerate")) {
            Path dir = Paths.get("src/test/resources/bad-models");
            BadModelCorpus.write(dir, generated);
            System.out.println("regenerated " + generated.size() + " bad models in " + dir.toAbsolutePath());
        }
        String hint = "; regenerate with: mvn -B -q -pl conformance-tests -am verify -Dtest=BadModelCorpusTest "
                + "-Ddownhill.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false";
        assertThat(resource(BadModelCorpus.EXPECTED_MESSAGES)).as("expected-messages.txt" + hint)
                .isEqualTo(BadModelCorpus.expectedMessages(generated).getBytes(StandardCharsets.UTF_8));
        for (BadModelCorpus.BadModel m : generated) {
            assertThat(resource(m.fileName())).as(m.fileName() + hint).isEqualTo(m.blob());
        }
    }

    @Test
    void theBaseModelOfTheCorpusIsValid() {
        assertThatCode(() -> Model.load(BadModelCorpus.baseModel())).doesNotThrowAnyException();
    }

    @TestFactory
    Stream<DynamicTest> everyBadModelIsRejectedWithItsMessage() {
        Map<String, String> expected = expectedMessages();
        List<String> rejected = new ArrayList<>();
        assertThat(expected).as("corpus size").hasSizeGreaterThanOrEqualTo(25);
        Stream<DynamicTest> tests = expected.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Throwable thrown = catchThrowable(() -> Model.load(resource(e.getKey())));
            assertThat(thrown).as(e.getKey()).isExactlyInstanceOf(ModelFormatException.class);
            assertThat(thrown.getMessage()).as(e.getKey()).contains(e.getValue());
            rejected.add(e.getKey());
        }));
        return Stream.concat(tests, Stream.of(DynamicTest.dynamicTest("record", () ->
                ConformanceReport.record("bad-model corpus: blobs rejected with their expected message",
                        rejected.size() + " of " + expected.size(), "all", rejected.size() == expected.size()))));
    }

    private static Map<String, String> expectedMessages() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : new String(resource(BadModelCorpus.EXPECTED_MESSAGES), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf(" | ");
            expected.put(line.substring(0, bar), line.substring(bar + 3));
        }
        return expected;
    }

    private static byte[] resource(String name) {
        try (InputStream in = BadModelCorpusTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new AssertionError("missing corpus file " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

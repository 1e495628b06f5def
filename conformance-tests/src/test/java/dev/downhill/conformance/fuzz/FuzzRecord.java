package dev.downhill.conformance.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.conformance.report.Executions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * Counts executions of a fuzz target and records them, with the size of its committed seed corpus, in the
 * conformance report. A target with no seed inputs, or one that ran fewer times than it has seeds, fails the
 * line: regression mode must have replayed every committed input.
 */
final class FuzzRecord {

    private static final String PREFIX = "fuzz.";

    private FuzzRecord() {}

    /** Counts one execution of {@code method} of {@code test}. */
    static void executed(Class<?> test, String method) {
        Executions.count(PREFIX + test.getSimpleName() + "." + method);
    }

    /** Records executions and corpus size of {@code method}; call from {@code @AfterAll}. */
    static void record(Class<?> test, String method, String parser) {
        long runs = Executions.of(PREFIX + test.getSimpleName() + "." + method).values().stream()
                .mapToLong(Long::longValue).sum();
        int corpus = corpusSize(test, method);
        boolean fuzzing = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();
        ConformanceReport.record("fuzz: " + parser + " (" + test.getSimpleName() + "." + method + ", "
                        + (fuzzing ? "fuzzing" : "regression") + " mode): executions, seed corpus size",
                runs + " executions, " + corpus + " seed inputs", "corpus >= 1, every seed replayed",
                corpus >= 1 && runs >= corpus);
        assertThat(corpus).as(method + " seed corpus").isPositive();
        assertThat(runs).as(method + " executions, every seed replayed").isGreaterThanOrEqualTo(corpus);
    }

    /** Files in {@code <Class>Inputs/<method>/} on the test class path. */
    static int corpusSize(Class<?> test, String method) {
        URL dir = test.getResource(test.getSimpleName() + "Inputs/" + method);
        if (dir == null) {
            return 0;
        }
        try (Stream<Path> files = Files.list(Paths.get(dir.toURI()))) {
            return (int) files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.downhill.conformance.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects one line per conformance check (its measured figure, its limit, pass or fail) and writes
 * them to {@code target/conformance-report.md} at the end of the test run.
 *
 * <p>Checks call {@link #record(String, Object, String, boolean)} <em>before</em> they assert, so a
 * failing check still shows its figure. Tests that fail without recording anything are listed in a
 * second section, so the report never looks greener than the run.
 *
 * <p>Registered for the whole module through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 *
 * <pre>
 * IMPLEMENTATION NOTES
 * A platform-level TestExecutionListener rather than a Jupiter extension: the suite runs on two
 * engines (Jupiter and jqwik), and only the launcher sees both finish. Surefire runs all classes in
 * one JVM and one test plan, so the static registry below sees every record. The report file is
 * written to a temporary file and renamed, so a crash never leaves half a report.
 * </pre>
 */
public final class ConformanceReport implements TestExecutionListener {

    /** One recorded check. */
    public record Line(String name, String figure, String limit, boolean pass) {}

    /** Keyed by check name: a re-run check (e.g. a retried test) replaces its previous line. */
    private static final ConcurrentMap<String, Line> LINES = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, String> FAILED_TESTS = new ConcurrentHashMap<>();

    /**
     * Records the outcome of one check.
     *
     * @param name   what was checked, e.g. {@code "embedded contract: tiny-runtime violations"}
     * @param figure the measured value (a number or short text)
     * @param limit  the limit it is held to, with its comparison, e.g. {@code "== 0"} or {@code "< 24576 B"}
     * @param pass   whether the figure is within the limit
     * @return {@code pass}, so a check can write {@code assertThat(record(...)).isTrue()} if it likes
     */
    public static boolean record(String name, Object figure, String limit, boolean pass) {
        LINES.put(name, new Line(name, String.valueOf(figure), limit, pass));
        return pass;
    }

    /** Drops a recorded line (for the report's own tests, which must not leave lines behind). */
    static void forget(String name) {
        LINES.remove(name);
    }

    /** The lines recorded so far, sorted by name. */
    public static List<Line> lines() {
        return new ArrayList<>(new TreeMap<>(LINES).values());
    }

    /** Where the report goes: {@code -Ddownhill.conformance.report=...} or target/conformance-report.md. */
    static Path reportPath() {
        String configured = System.getProperty("downhill.conformance.report");
        return configured != null ? Paths.get(configured) : Paths.get("target", "conformance-report.md");
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            String why = result.getThrowable().map(t -> firstLine(String.valueOf(t.getMessage()))).orElse("");
            FAILED_TESTS.put(test.getUniqueId(), test.getDisplayName() + " — " + result.getStatus() + ": " + why);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (LINES.isEmpty() && FAILED_TESTS.isEmpty()) {
            return; // a plan with no conformance checks (e.g. an IDE running one unrelated test)
        }
        List<Line> lines = lines();
        Map<String, String> failedTests = new TreeMap<>(FAILED_TESTS);
        write(reportPath(), render(lines, failedTests));
        if (unasserted(lines, failedTests)) {
            System.err.println("conformance report: " + UNASSERTED + " (see " + reportPath() + ")");
        }
    }

    /** The heading of the section that names failing checks in a run whose tests all passed. */
    static final String UNASSERTED = "checks failing while every test passed";

    /** Whether a check failed in a run whose tests all passed: one of them records without asserting. */
    private static boolean unasserted(List<Line> lines, Map<String, String> failedTests) {
        return failedTests.isEmpty() && lines.stream().anyMatch(l -> !l.pass());
    }

    static String render(List<Line> lines, Map<String, String> failedTests) {
        StringBuilder md = new StringBuilder();
        long failing = lines.stream().filter(l -> !l.pass()).count();
        md.append("# Downhill conformance report\n\n");
        md.append("Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" on Java ").append(System.getProperty("java.version")).append(". ")
                .append(lines.size()).append(" checks, ").append(failing).append(" failing.\n\n");
        md.append("| check | figure | limit | result |\n| --- | --- | --- | --- |\n");
        for (Line l : lines) {
            md.append("| ").append(cell(l.name())).append(" | ").append(cell(l.figure())).append(" | ")
                    .append(cell(l.limit())).append(" | ").append(l.pass() ? "pass" : "**FAIL**").append(" |\n");
        }
        if (unasserted(lines, failedTests)) {
            // a check that records FAIL but asserts nothing would pass the build: name it, so it gets its assertion
            md.append("\n## ").append(UNASSERTED).append(" (a check records without asserting)\n\n");
            lines.stream().filter(l -> !l.pass()).forEach(l -> md.append("- ").append(cell(l.name())).append('\n'));
        }
        if (!failedTests.isEmpty()) {
            md.append("\n## Failed tests\n\n");
            for (String f : failedTests.values()) {
                md.append("- ").append(f.replace('\n', ' ')).append('\n');
            }
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static void write(Path target, String content) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "conformance-report", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write conformance report " + target, e);
        }
    }
}

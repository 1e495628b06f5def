package dev.downhill.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceReportTest {

    @Test
    void rendersOneRowPerCheckAndMarksFailures() {
        String md = ConformanceReport.render(
                List.of(new ConformanceReport.Line("size", "20480 B", "< 24576 B", true),
                        new ConformanceReport.Line("a|b", "3", "== 0", false)),
                Map.of("id", "someTest() — FAILED: boom"));

        assertThat(md).contains("| size | 20480 B | < 24576 B | pass |")
                .contains("| a\\|b | 3 | == 0 | **FAIL** |")
                .contains("2 checks, 1 failing")
                .contains("## Failed tests").contains("- someTest() — FAILED: boom");
    }

    @Test
    void namesFailingChecksWhenNoTestFailed() {
        List<ConformanceReport.Line> lines = List.of(new ConformanceReport.Line("counted", "13", ">= 12", false));

        assertThat(ConformanceReport.render(lines, Map.of()))
                .contains("## " + ConformanceReport.UNASSERTED).contains("- counted");
        assertThat(ConformanceReport.render(lines, Map.of("id", "t() — FAILED: x")))
                .doesNotContain(ConformanceReport.UNASSERTED);
    }

    @Test
    void writesAtomicallyAndReplacesAnOldReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("conformance-report.md");
        Files.writeString(report, "old");

        ConformanceReport.write(report, "new");

        assertThat(report).hasContent("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(report); // no temp file left behind
        }
    }

    @Test
    void recordReturnsPassAndKeepsTheLatestLinePerName() {
        assertThat(ConformanceReport.record("report self-test", 1, "== 1", true)).isTrue();
        ConformanceReport.record("report self-test", 2, "== 1", false);

        assertThat(ConformanceReport.lines()).filteredOn(l -> l.name().equals("report self-test"))
                .singleElement().satisfies(l -> assertThat(l.figure()).isEqualTo("2"));
        ConformanceReport.forget("report self-test");
    }
}

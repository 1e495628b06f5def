package dev.downhill.trainer.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void markdownHasOneRowPerCheck() {
        String md = MarkdownReport.render(JUnitXmlReportTest.report("m.dhm", "2048 B"));
        assertThat(md).contains("**FAILED** — check FAILED: m.dhm, 1 of 3 checks failed (ram)")
                .contains("| ram | 2048 B | <= 1024 B (1k) | **FAIL** | interpreter & adapter |")
                .contains("| golden | no --golden given | — | skipped |  |")
                .contains("| flash | 900 B | <= 1024 B (1k) | pass |  |");
    }
}

package dev.downhill.trainer.check;

import java.util.Locale;

/**
 * A {@link CheckReport} as a markdown summary for people (a CI job summary, a pull-request comment): the
 * verdict, what was checked, and one table row per check with its figure, limit and result.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(CheckReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# downhill check: ").append(cell(report.modelName())).append("\n\n");
        md.append("**").append(report.passed() ? "Passed" : "FAILED").append("** — ").append(cell(report.summary()))
                .append("\n\n");
        md.append("- model: `").append(report.modelName().replace("`", "'")).append("` (sha256 `")
                .append(report.modelSha256()).append("`), ").append(cell(report.description())).append('\n');
        md.append("- data: ").append(cell(report.dataName())).append(", ").append(report.samples()).append(" samples\n");
        md.append("- run: ").append(report.timestamp()).append(String.format(Locale.ROOT, ", %.1f s", report.seconds()))
                .append("\n\n");
        md.append("| check | figure | limit | result | detail |\n| --- | --- | --- | --- | --- |\n");
        for (CheckResult r : report.results()) {
            md.append("| ").append(r.id()).append(" | ").append(cell(r.figure())).append(" | ")
                    .append(r.limit().isEmpty() ? "—" : cell(r.limit())).append(" | ")
                    .append(switch (r.status()) {
                        case PASS -> "pass";
                        case FAIL -> "**FAIL**";
                        case SKIPPED -> "skipped";
                    })
                    .append(" | ").append(cell(r.detail())).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }
}

package dev.downhill.conformance.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.trainer.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs {@code downhill check} — the gate users put in their CI — over a digits model made by the real pipeline,
 * exactly as a user would: {@code downhill train}, {@code quantize}, {@code export --format golden}, then
 * {@code check} with a 16k RAM and 64k flash budget, the default 0.5-point accuracy-drop limit, a 95% agreement
 * minimum and the golden file. Every check must pass; each one's figure and limit is read back from the
 * JUnit XML the command writes (as a CI would read it) and recorded in the conformance report.
 *
 * <pre>
 * IMPLEMENTATION NOTES
 * The model is 64-32-16-10 with a raw input stage, trained for 12 epochs (a few seconds): enough to be a
 * realistic model (97% test accuracy, 6 kB of flash) while keeping the module's run time small. The training is
 * seeded, so the figures are the same on every run on this JVM.
 * </pre>
 */
class BundledModelGateTest {

    private static final String[] CHECKS = {"accuracy-drop", "agreement", "golden", "ram", "flash",
        "allocation-inference", "allocation-adaptation", "determinism"};

    @TempDir
    Path dir;

    @Test
    void digitsModelFromTheRealPipelinePassesTheGate() throws Exception {
        Path floatDir = dir.resolve("float");
        Path dhm = dir.resolve("digits.dhm");
        Path golden = dir.resolve("digits.dhgv");
        Path report = dir.resolve("check-report");
        downhill("train", "--data", "bundled:digits-train", "--label", "label", "--test", "bundled:digits-test",
                "--hidden", "32,16", "--epochs", "12", "--seed", "3", "--quiet", "--out", floatDir.toString());
        downhill("quantize", "--model", floatDir.toString(), "--calibration", "bundled:digits-train", "--test",
                "bundled:digits-test", "--out", dhm.toString());
        downhill("export", "--model", dhm.toString(), "--format", "golden", "--data", "bundled:digits-test", "--rows",
                "50", "--out", golden.toString());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"check", "--model", dhm.toString(), "--float", floatDir.toString(), "--data",
            "bundled:digits-test", "--label", "label", "--golden", golden.toString(), "--ram-budget", "16k",
            "--flash-budget", "64k", "--min-agreement", "95", "--report", report.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.print(out);

        List<String> seen = new ArrayList<>();
        Element suite = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(report.resolve("check.xml"))))
                .getElementsByTagName("testsuite").item(0);
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String id = c.getAttribute("name");
            seen.add(id);
            String line = c.getElementsByTagName("system-out").item(0).getTextContent();
            boolean pass = line.startsWith("pass ");
            ConformanceReport.record("downhill check, bundled digits model: " + id, figure(line, id), limit(line), pass);
        }
        assertThat(seen).containsExactly(CHECKS);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).doesNotContain("FAIL ").doesNotContain("skip ");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(Files.readString(report.resolve("check.md"))).contains("**Passed**");
    }

    /** {@code "pass ram: 9876 B, limit <= 16384 B (16k) [..]"} -> {@code "9876 B"}. */
    private static String figure(String line, String id) {
        String rest = line.substring(line.indexOf(id + ": ") + id.length() + 2);
        int limit = rest.indexOf(", limit ");
        return limit >= 0 ? rest.substring(0, limit) : rest;
    }

    private static String limit(String line) {
        int at = line.indexOf(", limit ");
        if (at < 0) {
            return "(none)";
        }
        String rest = line.substring(at + 8);
        int detail = rest.indexOf(" [");
        return detail >= 0 ? rest.substring(0, detail) : rest;
    }

    private static void downhill(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(args[0] + ": " + err).isZero();
    }
}

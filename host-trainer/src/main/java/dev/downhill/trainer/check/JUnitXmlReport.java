package dev.downhill.trainer.check;

import dev.downhill.trainer.export.Provenance;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A {@link CheckReport} as JUnit XML, the test-report format every CI reads (Jenkins, GitLab, GitHub
 * actions that publish test results, Azure, CircleCI): one {@code <testsuite>} per model, one
 * {@code <testcase>} per check named by its id, a {@code <failure>} carrying figure and limit for a failing
 * check, {@code <skipped>} for a check that did not apply. The model's name, SHA-256 and data are
 * {@code <properties>}.
 *
 * <pre>
 * IMPLEMENTATION NOTES
 * Written with the JDK's StAX writer, so every name and message is escaped correctly. Characters XML 1.0
 * cannot carry at all (control characters other than tab and newline, e.g. from a file name) are replaced
 * with '?': a report that does not parse would hide the very failure it reports.
 * </pre>
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    /** The UTF-8 XML bytes. */
    public static byte[] render(CheckReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            newline(x, 0);
            long tests = report.results().size();
            String failures = Long.toString(report.count(CheckResult.Status.FAIL));
            String skipped = Long.toString(report.count(CheckResult.Status.SKIPPED));
            String time = seconds(report.seconds());
            x.writeStartElement("testsuites");
            attribute(x, "name", "downhill check");
            attribute(x, "tests", Long.toString(tests));
            attribute(x, "failures", failures);
            attribute(x, "errors", "0");
            attribute(x, "skipped", skipped);
            attribute(x, "time", time);
            newline(x, 1);
            x.writeStartElement("testsuite");
            attribute(x, "name", "downhill check " + report.modelName());
            attribute(x, "tests", Long.toString(tests));
            attribute(x, "failures", failures);
            attribute(x, "errors", "0");
            attribute(x, "skipped", skipped);
            attribute(x, "time", time);
            attribute(x, "timestamp", report.timestamp());
            newline(x, 2);
            x.writeStartElement("properties");
            property(x, "model", report.modelName());
            property(x, "model.sha256", report.modelSha256());
            property(x, "model.description", report.description());
            property(x, "data", report.dataName());
            property(x, "data.samples", Integer.toString(report.samples()));
            property(x, "generator", Provenance.generatorName());
            newline(x, 2);
            x.writeEndElement();
            String classname = "downhill.check." + report.modelName().replaceAll("[^A-Za-z0-9_]", "_");
            for (CheckResult r : report.results()) {
                newline(x, 2);
                x.writeStartElement("testcase");
                attribute(x, "name", r.id());
                attribute(x, "classname", classname);
                attribute(x, "time", seconds(r.seconds()));
                newline(x, 3);
                if (r.status() == CheckResult.Status.FAIL) {
                    x.writeStartElement("failure");
                    attribute(x, "message", r.id() + ": " + r.figure() + ", limit " + r.limit());
                    attribute(x, "type", "CheckFailed");
                    text(x, r.title() + "\nfigure: " + r.figure() + "\nlimit: " + r.limit()
                            + (r.detail().isEmpty() ? "" : "\ndetail: " + r.detail()));
                    x.writeEndElement();
                    newline(x, 3);
                } else if (r.status() == CheckResult.Status.SKIPPED) {
                    x.writeEmptyElement("skipped");
                    attribute(x, "message", r.figure());
                    newline(x, 3);
                }
                x.writeStartElement("system-out");
                text(x, r.line());
                x.writeEndElement();
                newline(x, 2);
                x.writeEndElement();
            }
            newline(x, 1);
            x.writeEndElement();
            newline(x, 0);
            x.writeEndElement();
            newline(x, 0);
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report", e);
        }
        return bytes.toByteArray();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        newline(x, 3);
        x.writeEmptyElement("property");
        attribute(x, "name", name);
        attribute(x, "value", value);
    }

    private static void attribute(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeAttribute(name, xmlSafe(value));
    }

    private static void text(XMLStreamWriter x, String value) throws XMLStreamException {
        x.writeCharacters(xmlSafe(value));
    }

    private static void newline(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Replaces characters XML 1.0 cannot represent (see the implementation notes). */
    static String xmlSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(allowed(c) ? c : '?'));
        return b.toString();
    }

    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}

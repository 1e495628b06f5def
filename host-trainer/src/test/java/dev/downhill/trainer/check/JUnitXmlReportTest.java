package dev.downhill.trainer.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitXmlReportTest {

    static CheckReport report(String modelName, String figure) {
        return new CheckReport(modelName, "ab".repeat(32), "classifier, 10 classes", "data <&> \"x\".csv", 12,
                List.of(CheckResult.of("ram", "RAM", false, figure, "<= 1024 B (1k)", "interpreter & adapter").took(0.25),
                        CheckResult.skipped("golden", "golden", "no --golden given"),
                        CheckResult.of("flash", "flash", true, "900 B", "<= 1024 B (1k)", "")),
                "2024-01-01T00:00:00Z");
    }

    private static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    @Test
    void countsAndFailureMessagesSurviveEscaping() throws Exception {
        Document d = parse(JUnitXmlReport.render(report("m<1>.dhm", "2048 B & more")));
        Element suites = d.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("3");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
        assertThat(suites.getAttribute("skipped")).isEqualTo("1");
        assertThat(suites.getAttribute("time")).isEqualTo("0.250");
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("downhill check m<1>.dhm");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2024-01-01T00:00:00Z");
        Element ram = (Element) d.getElementsByTagName("testcase").item(0);
        assertThat(ram.getAttribute("classname")).isEqualTo("downhill.check.m_1__dhm");
        Element failure = (Element) ram.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("ram: 2048 B & more, limit <= 1024 B (1k)");
        assertThat(failure.getTextContent()).contains("detail: interpreter & adapter");
        Element skipped = (Element) d.getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("no --golden given");
    }

    @Test
    void charactersXmlCannotCarryAreReplacedSoTheReportStillParses() throws Exception {
        Document d = parse(JUnitXmlReport.render(report("bell\u0007.dhm", "1\u0000 B")));
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("downhill check bell?.dhm");
        assertThat(JUnitXmlReport.xmlSafe("tab\tnewline\n\uD83D\uDE00")).isEqualTo("tab\tnewline\n\uD83D\uDE00");
    }
}

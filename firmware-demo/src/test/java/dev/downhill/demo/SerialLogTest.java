package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SerialLogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final SerialLog log = new SerialLog(out, 64);

    private String written() {
        return new String(out.toByteArray(), StandardCharsets.US_ASCII);
    }

    @Test
    void formatsIntegersAlignedAndNegative() throws IOException {
        log.number(42).text("|").number(7, 4).text("|").number(-305, 6).text("|").number(Long.MIN_VALUE).endLine();
        assertEquals("42|   7|  -305|-9223372036854775808\n", written());
    }

    @Test
    void formatsPercentagesAndDecimalsFromIntegers() throws IOException {
        log.percent(934, 6).text("|").percent(1000, 6).text("|").percent(5, 0).text("|")
                .decimal(1250, 3, 0).text("|").decimal(-7, 2, 6).text("|").decimal(12, 0, 3).endLine();
        assertEquals(" 93.4%|100.0%|0.5%|1.250| -0.07| 12\n", written());
    }

    @Test
    void cutsOffOverlongLinesInsteadOfFailing() throws IOException {
        SerialLog small = new SerialLog(out, 16);
        small.text("0123456789abcdefXYZ").endLine();
        small.println("next");
        assertEquals("0123456789abcdef\nnext\n", written());
    }

    @Test
    void replacesNonAsciiText() throws IOException {
        log.println("µs");
        assertEquals("?s\n", written());
    }
}

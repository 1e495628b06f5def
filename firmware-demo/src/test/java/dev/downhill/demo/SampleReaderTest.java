package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SampleReaderTest {

    private static SampleReader reader(String text, int features) {
        return new SampleReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "s.csv", features);
    }

    @Test
    void readsSamplesSkippingCommentsHeaderAndBlankLines() throws IOException {
        SampleReader r = reader("# recording\np0,p1,p2,label\n1,2,3,4\n\n -5 , 32767,0,9\r\n7,8,9,0", 3);
        int[] s = new int[3];
        assertTrue(r.next(s));
        assertArrayEquals(new int[] {1, 2, 3}, s);
        assertEquals(4, r.label());
        assertEquals(3, r.line());
        assertTrue(r.next(s));
        assertArrayEquals(new int[] {-5, 32767, 0}, s);
        assertEquals(9, r.label());
        assertEquals(5, r.line());
        assertTrue(r.next(s));
        assertArrayEquals(new int[] {7, 8, 9}, s);
        assertEquals(0, r.label());
        assertFalse(r.next(s));
        assertFalse(r.next(s));
    }

    @Test
    void aLetterLineAfterTheFirstSampleIsAnErrorNotAHeader() throws IOException {
        SampleReader r = reader("1,2\nx,2\n", 1);
        int[] s = new int[1];
        assertTrue(r.next(s));
        SampleFormatException e = assertThrows(SampleFormatException.class, () -> r.next(s));
        assertEquals("s.csv line 2, column 1: expected a digit for value 1, found 'x'", e.getMessage());
    }

    @Test
    void badByteOnSecondLineIsReportedThere() throws IOException {
        SampleReader r = reader("1,2,3\n4,5x,6\n", 2);
        int[] s = new int[2];
        assertTrue(r.next(s));
        SampleFormatException e = assertThrows(SampleFormatException.class, () -> r.next(s));
        assertEquals("s.csv line 2, column 4: expected ',' or end of line, found 'x'", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(4, e.column());
    }

    @Test
    void countsValues() {
        assertEquals("s.csv line 1, column 4: expected 3 values (features then label), found 2",
                assertThrows(SampleFormatException.class, () -> reader("1,2\n", 2).next(new int[2])).getMessage());
        assertEquals("s.csv line 1, column 6: too many values: expected 3 (features then label)",
                assertThrows(SampleFormatException.class, () -> reader("1,2,3,4\n", 2).next(new int[2])).getMessage());
    }

    @Test
    void rejectsValuesOutside16BitsAndNegativeLabels() {
        assertEquals("s.csv line 1, column 5: value 1 does not fit in 16 bits",
                assertThrows(SampleFormatException.class, () -> reader("32768,1\n", 1).next(new int[1])).getMessage());
        assertEquals("s.csv line 1, column 5: value 1 does not fit in 16 bits",
                assertThrows(SampleFormatException.class, () -> reader("999999999999,1\n", 1).next(new int[1])).getMessage());
        assertEquals("s.csv line 1, column 5: label must not be negative, found -1",
                assertThrows(SampleFormatException.class, () -> reader("1,-1\n", 1).next(new int[1])).getMessage());
        assertEquals("s.csv line 1, column 3: expected a digit for value 2, found end of line",
                assertThrows(SampleFormatException.class, () -> reader("1,\n", 1).next(new int[1])).getMessage());
    }

    @Test
    void acceptsMinusThirtyTwoThousandSevenHundredSixtyEight() throws IOException {
        SampleReader r = reader("-32768,1\n", 1);
        int[] s = new int[1];
        assertTrue(r.next(s));
        assertEquals((int) Short.MIN_VALUE, s[0]);
    }

    @Test
    void worksOnAStreamThatDeliversOneByteAtATime() throws IOException {
        byte[] bytes = "10,20,3\n40,50,6\n".getBytes(StandardCharsets.US_ASCII);
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        SampleReader r = new SampleReader(trickle, "uart", 2);
        int[] s = new int[2];
        assertTrue(r.next(s));
        assertTrue(r.next(s));
        assertArrayEquals(new int[] {40, 50}, s);
        assertEquals(6, r.label());
        assertFalse(r.next(s));
    }

    @Test
    void readsTheWholeBundledRecording() throws IOException {
        try (InputStream in = SampleReader.class.getResourceAsStream("digits-stream.csv")) {
            SampleReader r = new SampleReader(in, "digits-stream.csv", 64);
            int[] s = new int[64];
            int n = 0;
            int[] perClass = new int[10];
            int max = 0;
            while (r.next(s)) {
                n++;
                perClass[r.label()]++;
                for (int v : s) {
                    max = Math.max(max, v);
                }
            }
            assertEquals(360, n);
            // Class counts of the test split, from the datasets README.
            assertArrayEquals(new int[] {36, 36, 35, 37, 36, 37, 36, 36, 35, 36}, perClass);
            assertEquals(16, max);
        }
    }
}

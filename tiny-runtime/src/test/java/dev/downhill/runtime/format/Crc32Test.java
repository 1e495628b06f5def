package dev.downhill.runtime.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class Crc32Test {

    @Test
    void checkValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xCBF43926, Crc32.compute(b, 0, b.length));
        assertEquals(0, Crc32.compute(b, 0, 0));
    }

    @Test
    void agreesWithJavaUtilZip() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 300; n += 7) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) random.nextInt(256);
            }
            CRC32 jdk = new CRC32();
            jdk.update(b);
            assertEquals((int) jdk.getValue(), Crc32.compute(b, 0, n));
            byte[] padded = new byte[n + 6];
            System.arraycopy(b, 0, padded, 3, n);
            assertEquals((int) jdk.getValue(), Crc32.compute(padded, 3, n));
        }
    }
}

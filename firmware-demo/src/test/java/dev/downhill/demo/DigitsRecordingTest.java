package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class DigitsRecordingTest {

    @Test
    void committedSourceIsWhatTheGeneratorWrites() throws IOException {
        String committed = new String(Files.readAllBytes(Paths.get("src/main/java/dev/downhill/demo/DigitsRecording.java")),
                StandardCharsets.US_ASCII);
        assertEquals(DigitsRecordingSource.render(DigitsRecordingSource.csv()), committed,
                "DigitsRecording.java is stale or hand-edited: regenerate it as DigitsRecordingSource's comment says");
    }

    @Test
    void streamReturnsTheRecordingByteForByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = DigitsRecording.open()) {
            byte[] buffer = new byte[777];
            for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
                out.write(buffer, 0, n);
            }
            assertEquals(-1, in.read());
        }
        assertEquals(DigitsRecordingSource.csv(), new String(out.toByteArray(), StandardCharsets.US_ASCII));
        assertEquals(DigitsRecording.LENGTH, out.size());
    }
}

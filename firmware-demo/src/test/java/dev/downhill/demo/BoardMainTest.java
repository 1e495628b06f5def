package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private String run(String... args) throws IOException {
        BoardMain.run(BoardOptions.parse(args), new SerialLog(console, 200));
        return new String(console.toByteArray(), StandardCharsets.US_ASCII);
    }

    @Test
    void playsTheBuiltInRecordingByDefault() throws IOException {
        String out = run("--passes", "1", "--reboot-at", "0", "--log-every", "90");
        assertTrue(out.contains("[   360] frozen "), out);
        assertTrue(out.contains("done: 360 samples, boots: 1"), out);
    }

    @Test
    void aFileStoreCarriesTheAdaptedStateAcrossRealRestarts() throws IOException {
        String state = dir.resolve("flash.bin").toString();
        run("--passes", "1", "--reboot-at", "0", "--state", state);
        assertEquals(Board.STORE_BYTES, Files.size(dir.resolve("flash.bin")));
        console.reset();
        String second = run("--passes", "1", "--reboot-at", "0", "--state", state);
        assertTrue(second.contains("boot: model ") && second.contains("restored adapted state #"), second);
        console.reset();
        String fresh = run("--passes", "1", "--reboot-at", "0", "--state", state, "--fresh");
        assertTrue(fresh.contains("no saved state: factory parameters"), fresh);
    }

    @Test
    void aMalformedInputFileNamesFileLineAndColumn() throws IOException {
        Path input = dir.resolve("samples.csv");
        Files.write(input, "# two features short\n1,2,3\n".getBytes(StandardCharsets.US_ASCII));
        SampleFormatException e = assertThrows(SampleFormatException.class, () -> run("--input", input.toString()));
        assertEquals(input + " line 2, column 6: expected 65 values (features then label), found 3", e.getMessage());
    }

    @Test
    void aLabelTheModelDoesNotKnowIsRejected() throws IOException {
        Path input = dir.resolve("samples.csv");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            line.append("0,");
        }
        Files.write(input, (line + "12\n").getBytes(StandardCharsets.US_ASCII));
        SampleFormatException e = assertThrows(SampleFormatException.class, () -> run("--input", input.toString()));
        assertEquals(input + " line 1, column 1: label 12 is not a class of the model (0..9)", e.getMessage());
    }
}

package dev.downhill.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlashImageFileTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileStartsErasedAndFlushPersists() throws IOException {
        String path = dir.resolve("flash.bin").toString();
        FlashImageFile flash = FlashImageFile.open(path, 16, false);
        assertEquals(16, Files.size(dir.resolve("flash.bin")));
        assertEquals(0, flash.read(3));
        flash.write(3, 0x1C3);
        assertEquals(0xC3, flash.read(3));
        flash.flush();
        assertEquals(0xC3, FlashImageFile.open(path, 16, false).read(3));
        assertEquals(0, FlashImageFile.open(path, 16, true).read(3));
        assertEquals(0, FlashImageFile.open(path, 16, false).read(3));
    }

    @Test
    void rejectsAnImageOfAnotherSize() throws IOException {
        Path file = dir.resolve("other.bin");
        Files.write(file, new byte[10]);
        IOException e = assertThrows(IOException.class, () -> FlashImageFile.open(file.toString(), 16, false));
        assertEquals(file + ": not a parameter store image of 16 bytes (use --fresh to start a new one)", e.getMessage());
        Files.write(file, new byte[17]);
        assertThrows(IOException.class, () -> FlashImageFile.open(file.toString(), 16, false));
    }
}

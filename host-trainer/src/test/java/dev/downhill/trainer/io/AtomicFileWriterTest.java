package dev.downhill.trainer.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesContentAndCreatesParents() throws IOException {
        Path target = dir.resolve("a/b/model.dhm");
        AtomicFileWriter.write(target, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void failureLeavesNoFileBehind() throws IOException {
        Path target = dir.resolve("out.csv");
        assertThatThrownBy(() -> AtomicFileWriter.write(target, out -> {
            out.write("half a row".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk on fire");
        })).hasMessage("disk on fire");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void failureKeepsThePreviousContent() throws IOException {
        Path target = dir.resolve("out.csv");
        AtomicFileWriter.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFileWriter.write(target, out -> {
            out.write('n');
            throw new IllegalStateException("broken");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}

package dev.downhill.trainer.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.trainer.DownhillException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
    @Test
    void replacesTheFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/a.txt");
        AtomicFileWriter.write(f, "one");
        AtomicFileWriter.write(f, "two");
        assertThat(Files.readString(f)).isEqualTo("two");
        try (var files = Files.list(f.getParent())) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void failureIsOneDownhillExceptionAndKeepsTheOldContent(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("d");
        Files.createDirectories(target.resolve("not-empty"));
        assertThatThrownBy(() -> AtomicFileWriter.write(target, "x")).isInstanceOf(DownhillException.class)
                .hasMessageStartingWith(target + ": cannot write");
        assertThat(Files.isDirectory(target.resolve("not-empty"))).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}

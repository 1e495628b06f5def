package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {
    @Test
    void missingFile(@TempDir Path dir) {
        String name = dir.resolve("nope.csv").toString();
        assertThatThrownBy(() -> DataSource.of(name).readText()).isInstanceOf(DataException.class)
                .hasMessage(name + ": no such file");
    }

    @Test
    void directory(@TempDir Path dir) {
        assertThatThrownBy(() -> DataSource.of(dir.toString()).readText())
                .hasMessage(dir + ": is a directory, not a CSV file");
    }

    @Test
    void bundledDatasets() {
        assertThat(DataSource.of("bundled:iris").readText()).startsWith("sepal_length_cm,");
        assertThat(DataSource.of("bundled:iris-train.csv").readText()).startsWith("sepal_length_cm,");
        assertThatThrownBy(() -> DataSource.of("bundled:mnist"))
                .hasMessageStartingWith("bundled:mnist: no such bundled dataset; available: digits,");
    }

    @Test
    void everyBundledDatasetIsInTheJar() {
        for (String name : DataSource.BUNDLED) {
            assertThat(DataSource.of("bundled:" + name).readText()).contains("label");
        }
    }

    /** A Latin-1 "é" (0xE9) in a label on line 3: the message names the line, the byte and its offset. */
    @Test
    void notUtf8NamesTheLineAndByteOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.csv");
        java.nio.file.Files.write(f, new byte[] {'a', ',', 'l', '\n', '1', ',', 'x', '\n', '2', ',', 'c', (byte) 0xE9,
            '\n'});
        assertThatThrownBy(() -> DataSource.of(f.toString()).readText()).isInstanceOf(DataException.class)
                .hasMessage(f + ":3: is not UTF-8 text: byte 0xE9 at byte offset 11 cannot start or continue a UTF-8 "
                        + "character (save the file as UTF-8)");
    }

    @Test
    void utf8WithByteOrderMarkAndAccentsIsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bom.csv");
        java.nio.file.Files.write(f, "\uFEFFtaille,espèce\n1,\uD83D\uDC31\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(DataSource.of(f.toString()).readText()).isEqualTo("taille,espèce\n1,\uD83D\uDC31\n");
    }
}

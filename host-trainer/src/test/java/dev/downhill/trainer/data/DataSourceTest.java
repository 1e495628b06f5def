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
}

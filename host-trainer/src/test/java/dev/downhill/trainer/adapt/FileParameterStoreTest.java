package dev.downhill.trainer.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.runtime.store.DualSlotStore;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileParameterStoreTest {

    @Test
    void dualSlotStateSurvivesReopeningTheFile(@TempDir Path dir) {
        Path file = dir.resolve("params.bin");
        try (FileParameterStore store = new FileParameterStore(file, 256)) {
            DualSlotStore slots = new DualSlotStore(store, 42, 7, 16, 1);
            slots.beginSave();
            slots.putInts(new int[] {1, -2, 3, Integer.MIN_VALUE}, 0, 4);
            slots.commitSave();
        }
        try (FileParameterStore store = new FileParameterStore(file, 256)) {
            DualSlotStore slots = new DualSlotStore(store, 42, 7, 16, 1);
            assertThat(slots.beginLoad()).isTrue();
            int[] v = new int[4];
            slots.getInts(v, 0, 4);
            slots.endLoad();
            assertThat(v).containsExactly(1, -2, 3, Integer.MIN_VALUE);
        }
    }

    @Test
    void aFileOfAnotherSizeIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.bin");
        Files.write(file, new byte[10]);
        assertThatThrownBy(() -> new FileParameterStore(file, 256)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("parameter store " + file + ": has 10 bytes, expected 256");
    }
}

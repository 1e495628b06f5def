package dev.downhill.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CHeaderExporterTest {

    private static final Provenance PROVENANCE =
            new Provenance("downhill test", "m.dhm", "00ff", "downhill export --model m.dhm --format c");

    @TempDir
    Path dir;

    @Test
    void headerHasGuardLengthAndEveryByte() {
        String h = new String(new CHeaderExporter("tiny_model").render(new byte[] {0, 1, (byte) 0xAB, -1}, PROVENANCE),
                StandardCharsets.US_ASCII);
        assertThat(h).contains("#ifndef TINY_MODEL_H_\n#define TINY_MODEL_H_\n")
                .contains("#define TINY_MODEL_LEN 4u\n")
                .contains("static TINY_MODEL_ALIGN const uint8_t tiny_model[TINY_MODEL_LEN] = {\n    0x00, 0x01, 0xab, 0xff,\n};")
                .contains("Model sha-256: 00ff").endsWith("#endif /* TINY_MODEL_H_ */\n");
    }

    @Test
    void rejectsNamesThatAreNotCIdentifiers() {
        assertThatThrownBy(() -> new CHeaderExporter("9lives")).hasMessageContaining("'9lives' is not a valid C identifier");
        assertThatThrownBy(() -> new CHeaderExporter("digits-model")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The real check: a C compiler accepts the header, the array is 16-byte aligned and holds the bytes. */
    @Test
    void compilesWithGccAndHoldsTheBytes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc not installed");
        byte[] model = new byte[5000];
        new Random(7).nextBytes(model);
        long sum = 0;
        for (byte b : model) {
            sum = (sum * 31 + (b & 0xFF)) & 0xFFFFFFFFL;
        }
        Files.write(dir.resolve("model.h"), new CHeaderExporter("model_data").render(model, PROVENANCE));
        Files.writeString(dir.resolve("main.c"), """
                #include <stdio.h>
                #include "model.h"
                #include "model.h" /* the guard makes a second include harmless */
                int main(void) {
                    unsigned long sum = 0;
                    for (unsigned i = 0; i < MODEL_DATA_LEN; i++) sum = (sum * 31 + model_data[i]) & 0xFFFFFFFFul;
                    printf("%u %lu %d\\n", (unsigned) MODEL_DATA_LEN, sum, (int) (((unsigned long) model_data) % 16));
                    return 0;
                }
                """);
        String out = run(dir, "gcc", "-std=c11", "-Wall", "-Werror", "-o", "main", "main.c") + run(dir, "./main");
        assertThat(out.trim()).isEqualTo("5000 " + sum + " 0");
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }
}

package dev.downhill.trainer.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, the import either succeeds or throws {@link TfliteImportException}: never
 * an IndexOutOfBounds, NegativeArraySize, OutOfMemory or NullPointer from inside flatbuffers-java
 * or our own code. Seeds are the bundled models; mutations are truncations, random byte flips and
 * "interesting" 16/32-bit values written over offsets, lengths and vtable entries. Seeded, so a
 * failure reproduces.
 */
class TfliteImportMutationTest {

    private static final List<byte[]> SEEDS = List.of(
            TfliteTestModels.helloWorldInt8(),
            TfliteTestModels.helloWorldFloat(),
            TfliteGraphWriter.write(TfliteGraphs.helloWorldWithSoftmaxAndPerChannel(), "mutation seed"));

    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 8, -1, -4, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
        0x80000000, 0x40000000, 16, 127, 128, 255, 256, 2704, 3164};

    private static final String[] OUTCOME_NAMES = {"accepted", "format error", "unsupported"};

    /** Runs the whole import path on {@code file}; returns which documented outcome it had. */
    private static int importOutcome(byte[] file) {
        try {
            TfliteImporter.toDhm(file);
            return 0;
        } catch (TfliteFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return 1;
        } catch (UnsupportedTfliteModelException e) {
            assertThat(e.problems()).isNotEmpty();
            return 2;
        }
        // Anything else propagates and fails the property.
    }

    @Test
    void everyTruncationOfEverySeedIsRefusedAsAFormatError() {
        for (byte[] seed : SEEDS) {
            for (int length = 0; length < seed.length; length++) {
                byte[] truncated = Arrays.copyOf(seed, length);
                assertThat(importOutcome(truncated)).as("truncated to %d of %d bytes", length, seed.length).isEqualTo(1);
            }
        }
    }

    @Property(tries = 4000, seed = "20260820")
    void mutatedFilesFailOnlyWithTheDocumentedException(@ForAll("mutants") byte[] file) {
        Statistics.collect(OUTCOME_NAMES[importOutcome(file)]);
        // Guards against a generator that only ever produces trivially rejected files.
        Statistics.coverage(coverage -> {
            for (String outcome : OUTCOME_NAMES) {
                coverage.check(outcome).count(n -> n >= 100);
            }
        });
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        return Combinators.combine(Arbitraries.integers().between(0, SEEDS.size() - 1),
                Arbitraries.integers().between(1, 6), Arbitraries.longs())
                .as((seed, edits, randomSeed) -> mutate(SEEDS.get(seed), edits, new Random(randomSeed)));
    }

    static byte[] mutate(byte[] seed, int edits, Random random) {
        byte[] b = seed.clone();
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> putInt(b, at & ~3, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 3 -> putShort(b, at & ~1, INTERESTING[random.nextInt(INTERESTING.length)]);
                default -> putInt(b, at & ~3, getInt(b, at & ~3) + random.nextInt(65) - 32);
            }
        }
        if (random.nextInt(8) == 0) {
            b = Arrays.copyOf(b, random.nextInt(b.length + 1));
        }
        return b;
    }

    private static int getInt(byte[] b, int at) {
        if (at + 4 > b.length) {
            return 0;
        }
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4 && at + i < b.length; i++) {
            b[at + i] = (byte) (v >> (8 * i));
        }
    }

    private static void putShort(byte[] b, int at, int v) {
        for (int i = 0; i < 2 && at + i < b.length; i++) {
            b[at + i] = (byte) (v >> (8 * i));
        }
    }
}

package dev.downhill.conformance.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.models.RandomMlp;
import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.conformance.report.Executions;
import dev.downhill.conformance.fuzz.LoadedModel;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.ModelFormatException;
import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.format.ModelFormat;
import dev.downhill.runtime.kernels.Activation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Mutated models never break the loader: over at least 10,000 tries (byte flips, truncations,
 * insertions, deletions and edits of structural int32 fields, with the length field and CRC
 * recomputed afterwards in 85% of tries so the structural checks are what is exercised), nothing but
 * {@link ModelFormatException} escapes {@link Model#load}, its byte offset lies inside the blob, no
 * try takes longer than {@link #TRY_TIME_LIMIT_MS}, and a mutant that loads runs {@code invoke()}
 * (int8 and raw sensor input), {@code argMax} and {@code topK} without throwing.
 */
class ModelMutationTest {

    /** A hang, not a slow machine: a valid try takes microseconds. */
    static final long TRY_TIME_LIMIT_MS = 5_000;

    private static final String PREFIX = "mutation.";
    private static final List<byte[]> BASES = validModels();
    private static final List<int[]> FIELDS = BASES.stream().map(ModelMutationTest::structuralFields).toList();
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-mutation-worker");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong SLOWEST_NANOS = new AtomicLong();

    @Property
    void mutatedModelsAreRejectedCleanlyOrRunCleanly(@ForAll("bases") int baseIndex, @ForAll("mutations") Mutation mutation)
            throws Exception {
        byte[] blob = mutation.apply(BASES.get(baseIndex), FIELDS.get(baseIndex));
        long start = System.nanoTime();
        Future<String> outcome = WORKER.submit(() -> loadAndRun(blob));
        String result;
        try {
            result = outcome.get(TRY_TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new AssertionError("try exceeded " + TRY_TIME_LIMIT_MS + " ms: " + mutation + ", blob " + hex(blob));
        } catch (ExecutionException e) {
            throw new AssertionError("unexpected " + e.getCause() + " for " + mutation + ", blob " + hex(blob), e.getCause());
        }
        SLOWEST_NANOS.accumulateAndGet(System.nanoTime() - start, Math::max);
        Executions.count(PREFIX + "tries");
        Executions.count(PREFIX + result);
        Executions.count(PREFIX + "kind " + mutation.kind() + (mutation.reseal() ? " resealed" : ""));
    }

    /** Returns the outcome class; throws anything that is not a clean rejection or a clean run. */
    static String loadAndRun(byte[] blob) {
        Model model;
        try {
            model = Model.load(blob);
        } catch (ModelFormatException e) {
            assertThat(e.byteOffset()).as("byte offset of '%s'", e.getMessage()).isBetween(0, blob.length);
            assertThat(e.getMessage()).contains("(at byte " + e.byteOffset() + ")");
            return e.getMessage().startsWith("CRC mismatch") ? "rejected by CRC"
                    : e.getMessage().startsWith("truncated") || e.getMessage().startsWith("trailing") ? "rejected by length"
                    : "rejected by structure";
        }
        LoadedModel.mustRun(model);   // the same demands the fuzz targets make: every input path runs, argMax in range
        return "loaded and ran";
    }

    @Provide
    Arbitrary<Integer> bases() {
        return Arbitraries.integers().between(0, BASES.size() - 1);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 1 << 16);
        Arbitrary<Integer> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers()),
                Tuple.of(4, Arbitraries.of(0, 1, -1, 2, 3, 4, 7, 8, 16, 31, 32, -31, -32, 127, 128, -128, -129, 255, 256,
                        511, 512, 1 << 30, (1 << 30) - 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -(1 << 30), 0xFFFF, 0x10000)),
                Tuple.of(2, Arbitraries.integers().between(-1024, 1024)));
        Arbitrary<Mutation.Kind> kind = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Mutation.Kind.FLIP_BYTES)),
                Tuple.of(1, Arbitraries.just(Mutation.Kind.TRUNCATE)),
                Tuple.of(1, Arbitraries.just(Mutation.Kind.INSERT)),
                Tuple.of(1, Arbitraries.just(Mutation.Kind.DELETE)),
                Tuple.of(4, Arbitraries.just(Mutation.Kind.SET_FIELD)));
        Arbitrary<Integer> amount = Arbitraries.integers().between(1, 16);
        Arbitrary<Boolean> reseal = Arbitraries.frequencyOf(Tuple.of(85, Arbitraries.just(true)),
                Tuple.of(15, Arbitraries.just(false)));
        return Combinators.combine(kind, position, amount, value, reseal).as(Mutation::new);
    }

    @AfterContainer
    static void recordExecutions() {
        Map<String, Long> runs = Executions.of(PREFIX);
        long tries = runs.getOrDefault(PREFIX + "tries", 0L);
        System.out.println("model mutation executions: " + runs + ", slowest try "
                + TimeUnit.NANOSECONDS.toMicros(SLOWEST_NANOS.get()) + " µs");
        ConformanceReport.record("model mutation: tries, nothing but ModelFormatException escaped (structural rejections "
                + runs.getOrDefault(PREFIX + "rejected by structure", 0L) + ", loaded and ran "
                + runs.getOrDefault(PREFIX + "loaded and ran", 0L) + ")", tries, ">= 10000", tries >= 10_000);
        ConformanceReport.record("model mutation: slowest try", TimeUnit.NANOSECONDS.toMillis(SLOWEST_NANOS.get()) + " ms",
                "< " + TRY_TIME_LIMIT_MS + " ms", SLOWEST_NANOS.get() < TimeUnit.MILLISECONDS.toNanos(TRY_TIME_LIMIT_MS));
        // (a try over the limit has already failed its own property: see the timeout above)
        assertThat(tries).as("mutation tries").isGreaterThanOrEqualTo(10_000);
    }

    /** Small valid models covering every section kind and both quantisation modes. */
    private static List<byte[]> validModels() {
        List<byte[]> bases = new ArrayList<>();
        bases.add(BadModelCorpus.baseModel());
        bases.add(RandomMlp.build(1, new int[] {8, 6, 4}, true));
        bases.add(RandomMlp.build(2, new int[] {5, 3}, false));
        int scale = Float.floatToRawIntBits(0.1f);
        bases.add(new ModelBuilder().input(0, scale)
                .fullyConnected(3, 2).weights(new byte[] {1, 2, 3, -4, -5, -6}).perChannel(new int[] {1 << 30, 0},
                        new int[] {-1, 5}, new int[] {scale, scale}).output(-128, scale)
                .activation(Activation.RELU6, -128, 60).add()
                .metadata("{\"labels\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8))
                .build());
        return bases;
    }

    /** Offsets of the int32 fields that carry structure: header, section table, section headers and parameter arrays. */
    static int[] structuralFields(byte[] blob) {
        List<Integer> fields = new ArrayList<>();
        for (int at = 0; at < ModelFormat.HEADER_SIZE; at += 4) {
            fields.add(at);
        }
        int sections = Blobs.sectionCount(blob);
        for (int s = 0; s < sections; s++) {
            int entry = Blobs.tableEntry(s);
            fields.add(entry + ModelFormat.ENTRY_KIND);
            fields.add(entry + ModelFormat.ENTRY_OFFSET);
            fields.add(entry + ModelFormat.ENTRY_LENGTH);
            int offset = Blobs.sectionOffset(blob, s);
            int kind = Blobs.readInt(blob, entry + ModelFormat.ENTRY_KIND);
            int fixedEnd = switch (kind) {
                case ModelFormat.KIND_FULLY_CONNECTED -> ModelFormat.FC_ARRAYS + 16;   // + first multipliers and shifts
                case ModelFormat.KIND_SOFTMAX -> ModelFormat.SOFTMAX_SIZE;
                case ModelFormat.KIND_INPUT_STAGE -> ModelFormat.INPUT_ARRAYS + 16;
                default -> 0;
            };
            for (int at = 0; at < Math.min(fixedEnd, Blobs.sectionLength(blob, s)); at += 4) {
                fields.add(offset + at);
            }
        }
        return fields.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String hex(byte[] blob) {
        return HexFormat.of().formatHex(blob);
    }
}

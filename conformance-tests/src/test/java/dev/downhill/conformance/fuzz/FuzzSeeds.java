package dev.downhill.conformance.fuzz;

import dev.downhill.conformance.models.RandomMlp;
import dev.downhill.conformance.robustness.BadModelCorpus;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.store.ByteArrayParameterStore;
import dev.downhill.runtime.store.DualSlotStore;
import dev.downhill.trainer.export.GoldenVectorExporter;
import dev.downhill.trainer.export.GoldenVectors;
import dev.downhill.trainer.tflite.TfliteImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed seed corpora of the fuzz targets: real, valid files of each format (named {@code valid-*}) and a
 * few near misses. Deterministic; {@link FuzzSeedsTest} checks the committed files against it and that the valid
 * ones parse, so a format change cannot leave the fuzzers starting from files that no longer get past the header.
 * The fuzzer may add inputs of its own (crash reproducers, named {@code crash-*}) beside them.
 */
final class FuzzSeeds {

    private static final byte[] DIGITS_DHM = ParameterStoreFuzzTest.resource(ParameterStoreFuzzTest.MODEL);
    private static final byte[] HELLO_INT8 = ParameterStoreFuzzTest.resource("/golden/tflm/hello_world_int8.tflite");
    private static final byte[] HELLO_FLOAT = ParameterStoreFuzzTest.resource("/golden/tflm/hello_world_float.tflite");

    private FuzzSeeds() {}

    static Map<String, byte[]> modelLoader() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("valid-digits-64-32-16-10.dhm", DIGITS_DHM);
        seeds.put("valid-hello-world.dhm", TfliteImporter.toDhm(HELLO_INT8));
        seeds.put("valid-random-mlp-8-6-4-input-stage.dhm", RandomMlp.build(1, new int[] {8, 6, 4}, true));
        seeds.put("valid-random-mlp-5-3.dhm", RandomMlp.build(2, new int[] {5, 3}, false));
        for (BadModelCorpus.BadModel bad : BadModelCorpus.all()) {
            seeds.put("bad-" + bad.fileName(), bad.blob());
        }
        return seeds;
    }

    static Map<String, byte[]> parameterStore() {
        Adapter adapter = ParameterStoreFuzzTest.newAdapter();
        int size = (int) DualSlotStore.requiredBytes(adapter.payloadBytes(), 1);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        byte[] blank = new byte[size];
        seeds.put("valid-blank.store", blank.clone());
        byte[] image = new byte[size];
        DualSlotStore slots = adapter.slotsOver(new ByteArrayParameterStore(image), 1);
        int[] raw = new int[Model.load(DIGITS_DHM).inputSize()];
        for (int t = 0; t < 20; t++) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (i * 7 + t * 3) % 17;
            }
            adapter.step(raw, 0, t % 10);
            if (t % 7 == 6) {
                adapter.save(slots); // both slots end up holding a state, of different sequence numbers
            }
        }
        seeds.put("valid-after-20-steps.store", image.clone());
        byte[] torn = image.clone();
        torn[size / 2 + 40] ^= 0x5A; // the newer slot decayed: restore falls back or reports corruption
        seeds.put("slot-1-corrupted.store", torn);
        return seeds;
    }

    static Map<String, byte[]> tfliteImporter() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("valid-hello-world-int8.tflite", HELLO_INT8);
        seeds.put("unsupported-hello-world-float.tflite", HELLO_FLOAT);
        return seeds;
    }

    static Map<String, byte[]> csvReader() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("valid-digits-head.csv", head("/datasets/digits-test.csv", 6));
        seeds.put("valid-iris-head.csv", head("/datasets/iris.csv", 8));
        seeds.put("valid-quoted-cells.csv", ascii("x1,\"x 2\",label\n1,\"2,5\",\"a \"\"b\"\"\"\n\n3, 4 ,c\n"));
        seeds.put("valid-crlf-bom.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                ascii("a,b,label\r\n-1.5,2e3,x\r\n0,0,y\r\n")));
        seeds.put("ragged-row.csv", ascii("a,b,label\n1,2,x\n1,2\n"));
        seeds.put("unterminated-quote.csv", ascii("a,b,label\n1,\"2,x\n"));
        seeds.put("numbers-only.csv", ascii("1,2,3\n4,5,6\n"));
        seeds.put("duplicate-column.csv", ascii("a,a,label\n1,2,x\n"));
        seeds.put("not-utf8.csv", concat(ascii("a,b,label\n1,2,"), new byte[] {(byte) 0xC3, (byte) 0x28, '\n'}));
        return seeds;
    }

    static Map<String, byte[]> goldenVectors() {
        byte[] helloDhm = TfliteImporter.toDhm(HELLO_INT8);
        List<int[]> raw = new ArrayList<>();
        List<byte[]> int8 = new ArrayList<>();
        int features = Model.load(DIGITS_DHM).inputSize();
        for (int r = 0; r < 3; r++) {
            int[] row = new int[features];
            for (int i = 0; i < features; i++) {
                row[i] = (i + 5 * r) % 17;
            }
            raw.add(row);
            int8.add(new byte[] {(byte) (r * 40 - 60)});
        }
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("valid-digits-raw.dhgv", versionFree(GoldenVectorExporter.fromRaw(DIGITS_DHM, raw, "fuzz seed")));
        seeds.put("valid-hello-world-int8.dhgv", versionFree(GoldenVectorExporter.fromInt8(helloDhm, int8, "fuzz seed")));
        return seeds;
    }

    /**
     * The file with a fixed generator name: the exporter writes the version from the jar manifest ("downhill dev"
     * from classes, "downhill 0.1.0-SNAPSHOT" from a jar), so a seed must not depend on how the classpath was built.
     */
    private static byte[] versionFree(GoldenVectors g) {
        return new GoldenVectors(g.modelSha256(), "downhill fuzz-seed", g.source(), g.features(), g.hasRaw(),
                g.outputLengths(), g.cases()).toBytes();
    }

    /** Every target's seeds by its inputs directory, relative to the test resources root. */
    static Map<String, Map<String, byte[]>> all() {
        Map<String, Map<String, byte[]>> all = new LinkedHashMap<>();
        all.put(dir(ModelLoaderFuzzTest.class, "loadsCleanlyOrRejects"), modelLoader());
        all.put(dir(ParameterStoreFuzzTest.class, "restoresCleanlyOrRejects"), parameterStore());
        all.put(dir(TfliteImporterFuzzTest.class, "importsCleanlyOrRejects"), tfliteImporter());
        all.put(dir(CsvReaderFuzzTest.class, "readsCleanlyOrRejects"), csvReader());
        all.put(dir(GoldenVectorsFuzzTest.class, "readsCleanlyOrRejects"), goldenVectors());
        return all;
    }

    static String dir(Class<?> test, String method) {
        return test.getPackageName().replace('.', '/') + "/" + test.getSimpleName() + "Inputs/" + method;
    }

    /** Writes every seed under {@code resourcesRoot} (files the fuzzer added are left alone). */
    static void write(Path resourcesRoot) throws IOException {
        for (Map.Entry<String, Map<String, byte[]>> target : all().entrySet()) {
            Path dir = resourcesRoot.resolve(target.getKey());
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> seed : target.getValue().entrySet()) {
                Path tmp = dir.resolve(seed.getKey() + ".tmp");
                Files.write(tmp, seed.getValue());
                Files.move(tmp, dir.resolve(seed.getKey()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static byte[] head(String resource, int lines) {
        String text = new String(ParameterStoreFuzzTest.resource(resource), StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        String[] all = text.split("\n", lines + 1);
        for (int i = 0; i < Math.min(lines, all.length); i++) {
            b.append(all[i]).append('\n');
        }
        return ascii(b.toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

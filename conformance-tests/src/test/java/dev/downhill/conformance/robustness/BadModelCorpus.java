package dev.downhill.conformance.robustness;

import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.format.ModelFormat;
import dev.downhill.runtime.kernels.Activation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator of {@code src/test/resources/bad-models/}: one small valid model, and from it one
 * hand-made bad blob per way a model file can be wrong, each with the message fragment (problem and
 * byte offset) the runtime must report. {@code BadModelCorpusTest} re-runs it and fails if the
 * committed files differ, so the corpus stays in step with the format.
 *
 * <p>Regenerate: {@code mvn -B -q -pl conformance-tests -am verify -Dtest=BadModelCorpusTest
 * -Ddownhill.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false}, or run {@link #main} with the
 * target directory.
 *
 * <p>Most blobs carry a correct CRC ({@link Blobs#resealed}) so that the check under test, not the
 * CRC, is what rejects them.
 */
public final class BadModelCorpus {

    /** One bad blob and the fragment its ModelFormatException message must contain. */
    public record BadModel(String fileName, byte[] blob, String expectedFragment) {}

    static final String EXPECTED_MESSAGES = "expected-messages.txt";

    // Sections of the base model, in table order.
    static final int INPUT_STAGE = 0;
    static final int FC_PER_TENSOR = 1;
    static final int FC_PER_CHANNEL = 2;
    static final int SOFTMAX = 3;

    private BadModelCorpus() {}

    /**
     * The valid model every bad blob is derived from: an input stage of 4 features, a per-tensor
     * 4→3 ReLU layer, a per-channel 3→2 layer and a softmax.
     */
    static byte[] baseModel() {
        int scale = Float.floatToRawIntBits(0.05f);
        return new ModelBuilder()
                .input(-5, scale)
                .inputStage(2, new int[] {100, -100, 0, 7}, new int[] {1 << 30}, new int[] {-3})
                .fullyConnected(4, 3)
                    .weights(new byte[] {1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12})
                    .bias(new int[] {10, -20, 30})
                    .perTensor(1518500250, -6, scale)
                    .output(-128, scale).activation(Activation.RELU, -128, 127).add()
                .fullyConnected(3, 2)
                    .weights(new byte[] {127, -127, 64, -64, 32, -32})
                    .bias(new int[] {-1000, 1000})
                    .perChannel(new int[] {1073741824, 2147483647}, new int[] {-7, -8}, new int[] {scale, scale})
                    .output(3, scale).add()
                .softmax(1717986944, 23, Float.floatToRawIntBits(1f))
                .build();
    }

    /** Every bad model, in file-name order. */
    public static List<BadModel> all() {
        byte[] base = baseModel();
        int length = base.length;
        int contentEnd = length - ModelFormat.CRC_SIZE;
        int stage = Blobs.sectionOffset(base, INPUT_STAGE);
        int fc0 = Blobs.sectionOffset(base, FC_PER_TENSOR);
        int fc1 = Blobs.sectionOffset(base, FC_PER_CHANNEL);
        int softmax = Blobs.sectionOffset(base, SOFTMAX);
        int fc1Weights = fc1 + ModelFormat.FC_ARRAYS + 12 * 2 + 4 * 2;
        int fc0Multiplier = fc0 + ModelFormat.FC_ARRAYS;
        int fc0Shift = fc0Multiplier + 4;
        int fc1Multiplier1 = fc1 + ModelFormat.FC_ARRAYS + 4;
        int fc1Shift1 = fc1 + ModelFormat.FC_ARRAYS + 4 * 2 + 4;
        String fc0Name = "layer 0 (FULLY_CONNECTED)";
        String fc1Name = "layer 1 (FULLY_CONNECTED)";
        String smName = "layer 2 (SOFTMAX)";

        List<BadModel> c = new ArrayList<>();
        byte[] wrongMagic = base.clone();
        wrongMagic[0] = 'X';
        c.add(bad("wrong-magic", wrongMagic, "wrong magic: not a Downhill model (expected \"DHMF\") (at byte 0)"));
        c.add(bad("unknown-version", seal(Blobs.withInt(base, ModelFormat.HEADER_VERSION, 2)),
                "unknown format version 2, this runtime reads version 1 (at byte 4)"));
        c.add(bad("empty-file", new byte[0], "truncated: blob has 0 bytes, the smallest model has 48 (at byte 0)"));
        c.add(bad("truncated-in-header", Blobs.prefix(base, 20),
                "truncated: blob has 20 bytes, the smallest model has 48 (at byte 20)"));
        c.add(bad("truncated-in-section-table", Blobs.prefix(base, 60),
                "truncated: header declares " + length + " bytes, blob has 60 (at byte 8)"));
        c.add(bad("truncated-in-weights", Blobs.prefix(base, fc1Weights + 3),
                "truncated: header declares " + length + " bytes, blob has " + (fc1Weights + 3) + " (at byte 8)"));
        c.add(bad("truncated-crc", Blobs.prefix(base, length - 2),
                "truncated: header declares " + length + " bytes, blob has " + (length - 2) + " (at byte 8)"));
        // Truncated inside the per-channel weights, then given a consistent length and CRC: only the
        // section table can tell that the section does not fit any more.
        int cut = fc1Weights + 4;
        byte[] relabelled = Blobs.withInt(Blobs.prefix(base, cut + ModelFormat.CRC_SIZE), ModelFormat.HEADER_TOTAL_LENGTH,
                cut + ModelFormat.CRC_SIZE);
        c.add(bad("truncated-with-consistent-length", seal(relabelled), "section " + FC_PER_CHANNEL + ": length "
                + Blobs.sectionLength(base, FC_PER_CHANNEL) + " runs past the content end at byte " + cut
                + " (at byte " + (Blobs.tableEntry(FC_PER_CHANNEL) + ModelFormat.ENTRY_LENGTH) + ")"));
        byte[] flipped = base.clone();
        flipped[fc1Weights + 1] ^= 0x10;
        c.add(bad("crc-mismatch", flipped, "CRC mismatch: stored 0x" + Integer.toHexString(Blobs.readInt(base, contentEnd))
                + ", computed 0x" + Integer.toHexString(Blobs.crcOf(flipped)) + " (at byte " + contentEnd + ")"));
        c.add(bad("trailing-bytes", seal(Blobs.prefix(base, length + 4)),
                "trailing bytes: header declares " + length + " bytes, blob has " + (length + 4) + " (at byte 8)"));
        c.add(bad("reserved-header-field", seal(Blobs.withInt(base, ModelFormat.HEADER_RESERVED_1, 1)),
                "reserved header field is 1, must be 0 (at byte 28)"));
        c.add(bad("unknown-header-flag", seal(Blobs.withInt(base, ModelFormat.HEADER_FLAGS, 1 | 4)),
                "header flags 5 are not a rounding (0 TFLM, 1 single, 2 half up) (at byte 24)"));
        c.add(bad("input-zero-point-out-of-range", seal(Blobs.withInt(base, ModelFormat.HEADER_INPUT_ZERO_POINT, 200)),
                "input zero point 200 is outside [-128, 127] (at byte 16)"));
        c.add(bad("huge-section-count", seal(Blobs.withInt(base, ModelFormat.HEADER_SECTION_COUNT, Integer.MAX_VALUE)),
                "section count 2147483647 does not fit: the table would end past byte " + contentEnd + " (at byte 12)"));
        c.add(bad("unknown-section-kind", seal(Blobs.withInt(base, Blobs.tableEntry(FC_PER_TENSOR), 9)),
                "section 1: unknown section kind 9 (at byte " + Blobs.tableEntry(FC_PER_TENSOR) + ")"));
        c.add(bad("misaligned-section", seal(Blobs.withInt(base, Blobs.tableEntry(SOFTMAX) + ModelFormat.ENTRY_OFFSET,
                softmax + 2)), "section 3: offset " + (softmax + 2) + " is not a multiple of 4 (at byte "
                + (Blobs.tableEntry(SOFTMAX) + ModelFormat.ENTRY_OFFSET) + ")"));
        c.add(bad("overlapping-sections", seal(Blobs.withInt(base, Blobs.tableEntry(FC_PER_CHANNEL) + ModelFormat.ENTRY_OFFSET,
                fc0)), "section 2: offset " + fc0 + " overlaps the previous section or the table"));
        c.add(bad("section-length-past-end", seal(Blobs.withInt(base, Blobs.tableEntry(FC_PER_TENSOR) + ModelFormat.ENTRY_LENGTH,
                Integer.MAX_VALUE)), "section 1: length 2147483647 runs past the content end at byte " + contentEnd
                + " (at byte " + (Blobs.tableEntry(FC_PER_TENSOR) + ModelFormat.ENTRY_LENGTH) + ")"));
        byte[] huge = Blobs.withInt(base, fc0 + ModelFormat.FC_INPUT_DEPTH, 1 << 30);
        huge = Blobs.withInt(huge, fc0 + ModelFormat.FC_OUTPUT_DEPTH, 1 << 30);
        c.add(bad("huge-layer-dimensions", seal(huge), fc0Name + ": section is " + Blobs.sectionLength(base, FC_PER_TENSOR)
                + " bytes, but 1073741824x1073741824 weights with their parameters need "
                + ModelFormat.fullyConnectedSize(1 << 30, 1 << 30, false)
                + " (at byte " + (Blobs.tableEntry(FC_PER_TENSOR) + ModelFormat.ENTRY_LENGTH) + ")"));
        c.add(bad("huge-input-feature-count", seal(Blobs.withInt(base, stage + ModelFormat.INPUT_FEATURES, Integer.MAX_VALUE)),
                "input stage: section is " + Blobs.sectionLength(base, INPUT_STAGE) + " bytes, 2147483647 features need "
                        + ModelFormat.inputStageSize(Integer.MAX_VALUE, 1) + " (at byte " + stage + ")"));
        c.add(bad("zero-length-layer", seal(Blobs.withInt(base, fc1 + ModelFormat.FC_OUTPUT_DEPTH, 0)),
                fc1Name + ": output depth 0 must be at least 1 (zero-length layer) (at byte "
                        + (fc1 + ModelFormat.FC_OUTPUT_DEPTH) + ")"));
        c.add(bad("zero-length-input-stage", seal(Blobs.withInt(base, stage + ModelFormat.INPUT_FEATURES, 0)),
                "input stage: feature count 0 must be at least 1 (zero-length layer) (at byte " + stage + ")"));
        c.add(bad("inconsistent-shapes", seal(Blobs.withInt(base, softmax + ModelFormat.SOFTMAX_DEPTH, 3)),
                smName + ": input depth 3 != previous output depth 2 (at byte " + (softmax + ModelFormat.SOFTMAX_DEPTH) + ")"));
        c.add(bad("inconsistent-zero-points", seal(Blobs.withInt(base, fc1 + ModelFormat.FC_INPUT_ZERO_POINT, 0)),
                fc1Name + ": input zero point 0 != previous output zero point -128 (at byte "
                        + (fc1 + ModelFormat.FC_INPUT_ZERO_POINT) + ")"));
        c.add(bad("multiplier-out-of-range", seal(Blobs.withInt(base, fc0Multiplier, 5)),
                fc0Name + ": multiplier 5 (channel 0) is outside [2^30, 2^31-1] and not 0 (at byte " + fc0Multiplier + ")"));
        c.add(bad("negative-multiplier", seal(Blobs.withInt(base, fc1Multiplier1, -1073741824)),
                fc1Name + ": multiplier -1073741824 (channel 1) is outside [2^30, 2^31-1] and not 0 (at byte "
                        + fc1Multiplier1 + ")"));
        c.add(bad("shift-out-of-range", seal(Blobs.withInt(base, fc0Shift, 31)),
                fc0Name + ": shift 31 (channel 0) is outside [-31, 30] (at byte " + fc0Shift + ")"));
        c.add(bad("shift-too-negative", seal(Blobs.withInt(base, fc1Shift1, -32)),
                fc1Name + ": shift -32 (channel 1) is outside [-31, 30] (at byte " + fc1Shift1 + ")"));
        c.add(bad("activation-min-above-max", seal(Blobs.withInt(Blobs.withInt(base, fc0 + ModelFormat.FC_ACTIVATION_MIN, 50),
                fc0 + ModelFormat.FC_ACTIVATION_MAX, 10)), fc0Name + ": activation min 50 > max 10 (at byte " + (fc0 + ModelFormat.FC_ACTIVATION_MIN) + ")"));
        c.add(bad("unknown-activation", seal(Blobs.withInt(base, fc0 + ModelFormat.FC_ACTIVATION, 7)),
                fc0Name + ": unknown fused activation 7 (at byte " + (fc0 + ModelFormat.FC_ACTIVATION) + ")"));
        c.add(bad("unknown-quantization", seal(Blobs.withInt(base, fc0 + ModelFormat.FC_QUANTIZATION, 2)),
                fc0Name + ": quantisation 2 is neither 0 (per-tensor) nor 1 (per-channel) (at byte "
                        + (fc0 + ModelFormat.FC_QUANTIZATION) + ")"));
        c.add(bad("softmax-left-shift-out-of-range", seal(Blobs.withInt(base, softmax + ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT, 32)),
                smName + ": input left shift 32 is outside [0, 31] (at byte " + (softmax + ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT) + ")"));
        c.add(bad("single-rounding-softmax-left-shift-31", seal(Blobs.withInt(
                Blobs.withInt(base, ModelFormat.HEADER_FLAGS, ModelFormat.FLAG_SINGLE_ROUNDING),
                softmax + ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT, 31)),
                smName + ": input left shift 31 is outside [0, 30] (at byte " + (softmax + ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT) + ")"));
        c.add(bad("softmax-multiplier-out-of-range", seal(Blobs.withInt(base, softmax + ModelFormat.SOFTMAX_INPUT_MULTIPLIER, 0)),
                smName + ": input multiplier 0 is outside [2^30, 2^31-1] (at byte " + (softmax + ModelFormat.SOFTMAX_INPUT_MULTIPLIER) + ")"));
        c.add(bad("softmax-output-zero-point", seal(Blobs.withInt(base, softmax + ModelFormat.SOFTMAX_OUTPUT_ZERO_POINT, -127)),
                smName + ": output zero point -127 must be -128 (at byte " + (softmax + ModelFormat.SOFTMAX_OUTPUT_ZERO_POINT) + ")"));
        c.add(bad("input-stage-pre-shift-out-of-range", seal(Blobs.withInt(base, stage + ModelFormat.INPUT_PRE_SHIFT, 16)),
                "input stage: pre-shift 16 is outside [0, 15] (at byte " + (stage + ModelFormat.INPUT_PRE_SHIFT) + ")"));
        c.add(bad("two-roundings-header-flags", seal(Blobs.withInt(base, ModelFormat.HEADER_FLAGS,
                ModelFormat.FLAG_SINGLE_ROUNDING | ModelFormat.FLAG_HALF_UP)),
                "header flags 3 are not a rounding (0 TFLM, 1 single, 2 half up) (at byte 24)"));

        List<BadModel> numbered = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            BadModel b = c.get(i);
            numbered.add(new BadModel(String.format("%02d-%s.dhm", i + 1, b.fileName()), b.blob(), b.expectedFragment()));
        }
        return numbered;
    }

    private static BadModel bad(String name, byte[] blob, String fragment) {
        return new BadModel(name, blob, fragment);
    }

    private static byte[] seal(byte[] blob) {
        return Blobs.resealed(blob);
    }

    /** The text of expected-messages.txt for {@code models}. */
    static String expectedMessages(List<BadModel> models) {
        StringBuilder s = new StringBuilder()
                .append("# Generated by dev.downhill.conformance.robustness.BadModelCorpus; do not edit by hand.\n")
                .append("# file | fragment the ModelFormatException message must contain (problem and byte offset)\n");
        for (BadModel m : models) {
            s.append(m.fileName()).append(" | ").append(m.expectedFragment()).append('\n');
        }
        return s.toString();
    }

    /** Writes the corpus into {@code args[0]} (default: src/test/resources/bad-models), each file atomically. */
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "src/test/resources/bad-models");
        write(dir, all());
    }

    static void write(Path dir, List<BadModel> models) throws IOException {
        Files.createDirectories(dir);
        try (var old = Files.newDirectoryStream(dir, "*.dhm")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        for (BadModel m : models) {
            atomically(dir.resolve(m.fileName()), m.blob());
        }
        atomically(dir.resolve(EXPECTED_MESSAGES), expectedMessages(models).getBytes(StandardCharsets.UTF_8));
    }

    private static void atomically(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

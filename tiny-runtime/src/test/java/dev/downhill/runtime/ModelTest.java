package dev.downhill.runtime;

import dev.downhill.runtime.format.ModelFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.format.LittleEndian;
import dev.downhill.runtime.format.ModelFormat;
import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.Activation;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hand-made bad blobs: each must be rejected with ModelFormatException whose message names the problem and
 * whose offset points at the offending field.
 */
class ModelTest {

    // Layout of the small model: header 0..32, table 32..56, FC(4->3) 56..128, SOFTMAX 128..156, CRC 156..160
    private static final int FC = 56;
    private static final int SOFTMAX = 128;

    private static ModelBuilder small() {
        byte[] w = new byte[12];
        for (int i = 0; i < 12; i++) {
            w[i] = (byte) (i * 7 - 40);
        }
        return new ModelBuilder().input(-5, TestModels.SCALE_BITS)
                .fullyConnected(4, 3).weights(w).bias(new int[] {100, -200, 300})
                .perTensor(1 << 30, -4, TestModels.SCALE_BITS).output(7, TestModels.SCALE_BITS).add()
                .softmax(1717986944, 23, Float.floatToRawIntBits(1f));
    }

    private static byte[] valid() {
        return small().build();
    }

    private static byte[] patched(int at, int value) {
        byte[] b = valid();
        LittleEndian.writeInt(b, at, value);
        ModelBuilder.resealCrc(b);
        return b;
    }

    private static void assertRejected(byte[] blob, String fragment, int offset) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Model.load(blob));
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        assertEquals(offset, e.byteOffset(), e.getMessage());
        assertTrue(e.getMessage().endsWith("(at byte " + offset + ")"), e.getMessage());
    }

    @Test
    void layoutOfTheSmallModel() {
        Model r = Model.load(valid());
        assertEquals(160, r.blob().length);
        assertEquals(FC + 48, r.biasOffset(0));
        assertEquals(FC + 60, r.weightsOffset(0));
        assertEquals(-1, r.biasOffset(1));
        assertEquals(-1, r.weightsOffset(1));
    }

    @Test
    void nullAndTooShort() {
        assertRejected(null, "null", 0);
        assertRejected(new byte[0], "truncated: blob has 0 bytes", 0);
        assertRejected(new byte[47], "truncated: blob has 47 bytes, the smallest model has 48", 47);
    }

    @Test
    void wrongMagic() {
        byte[] b = valid();
        b[0] = 'X';
        assertRejected(b, "wrong magic", 0);
    }

    @Test
    void unknownVersion() {
        assertRejected(patched(ModelFormat.HEADER_VERSION, 2), "unknown format version 2", 4);
    }

    @Test
    void truncatedBlob() {
        byte[] b = Arrays.copyOf(valid(), 150);
        assertRejected(b, "truncated: header declares 160 bytes, blob has 150", 8);
    }

    @Test
    void trailingBytes() {
        byte[] b = Arrays.copyOf(valid(), 170);
        assertRejected(b, "trailing bytes: header declares 160 bytes, blob has 170", 8);
    }

    @Test
    void crcMismatch() {
        byte[] b = valid();
        b[FC + 70] ^= 1;   // a weight
        assertRejected(b, "CRC mismatch", 156);
    }

    @Test
    void reservedHeaderField() {
        assertRejected(patched(ModelFormat.HEADER_RESERVED_1, 9), "reserved header field is 9", 28);
    }

    @Test
    void unknownHeaderFlags() {
        for (int flags : new int[] {3, 4, 5, -1, Integer.MIN_VALUE | 1}) {
            assertRejected(patched(ModelFormat.HEADER_FLAGS, flags),
                    "header flags " + flags + " are not a rounding (0 TFLM, 1 single, 2 half up)", 24);
        }
    }

    @Test
    void singleRoundingFlagReachesEveryKernel() {
        Model twice = Model.load(valid());
        Model once = Model.load(small().rounding(ModelFormat.FLAG_SINGLE_ROUNDING).build());
        assertEquals(0, ModelFields.rounding(twice));
        assertEquals(ModelFormat.FLAG_SINGLE_ROUNDING, ModelFields.rounding(once));
        assertTrue(differingOutputs(twice, once) > 0, "single and double rounding never differed on the small model");
    }

    @Test
    void halfUpFlagReachesEveryKernel() {
        Model away = Model.load(valid());
        Model up = Model.load(small().rounding(ModelFormat.FLAG_HALF_UP).build());
        assertEquals(ModelFormat.FLAG_HALF_UP, ModelFields.rounding(up));
        assertTrue(differingOutputs(away, up) > 0, "ties away from zero and ties up never differed on the small model");
        // half up keeps TFLM's left shift before SRDHM, so its softmax may shift by 31 as TFLM's does
        byte[] b = small().rounding(ModelFormat.FLAG_HALF_UP).build();
        LittleEndian.writeInt(b, SOFTMAX + ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT, 31);
        ModelBuilder.resealCrc(b);
        assertEquals(31, Model.load(b).softmax(1).inputLeftShift());
    }

    private static int differingOutputs(Model twice, Model once) {
        byte[] in = {-128, 0, 0, 0};
        // the kernels see the flag: the two models compute differently somewhere over these inputs
        Interpreter a = new Interpreter(twice);
        Interpreter b = new Interpreter(once);
        int differing = 0;
        for (int x = -128; x < 128; x++) {
            in[0] = (byte) x;
            in[1] = (byte) (x * 3);
            a.setInput(in, 0);
            b.setInput(in, 0);
            a.invoke();
            b.invoke();
            for (int i = 0; i < 3; i++) {
                differing += a.output(i) != b.output(i) ? 1 : 0;
            }
        }
        return differing;
    }

    @Test
    void singleRoundingSoftmaxLeftShiftIsAtMost30() {
        byte[] b = small().rounding(ModelFormat.FLAG_SINGLE_ROUNDING).build();
        LittleEndian.writeInt(b, SOFTMAX + ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT, 31);
        ModelBuilder.resealCrc(b);
        assertRejected(b, "input left shift 31 is outside [0, 30]", SOFTMAX + 12);
        LittleEndian.writeInt(b, ModelFormat.HEADER_FLAGS, 0);
        ModelBuilder.resealCrc(b);
        assertEquals(31, Model.load(b).softmax(1).inputLeftShift());
    }

    @Test
    void inputZeroPointOutOfRange() {
        assertRejected(patched(ModelFormat.HEADER_INPUT_ZERO_POINT, 128), "input zero point 128 is outside [-128, 127]",
                16);
    }

    @Test
    void sectionCountLargerThanTheBlob() {
        assertRejected(patched(ModelFormat.HEADER_SECTION_COUNT, 1_000_000), "section count 1000000 does not fit", 12);
        assertRejected(patched(ModelFormat.HEADER_SECTION_COUNT, -1), "section count -1", 12);
        assertRejected(patched(ModelFormat.HEADER_SECTION_COUNT, 0), "section count 0", 12);
    }

    @Test
    void unknownSectionKind() {
        assertRejected(patched(32, 77), "section 0: unknown section kind 77", 32);
    }

    @Test
    void sectionLengthPastTheEnd() {
        assertRejected(patched(32 + 12 + 8, 1000), "section 1: length 1000 runs past the content end at byte 156", 52);
        assertRejected(patched(32 + 12 + 8, Integer.MAX_VALUE), "length 2147483647 runs past", 52);
        assertRejected(patched(32 + 12 + 8, -4), "length -4 runs past", 52);
    }

    @Test
    void sectionOffsetsOverlapOrMisaligned() {
        assertRejected(patched(32 + 12 + 4, 100), "section 1: offset 100 overlaps", 48);
        assertRejected(patched(32 + 4, 40), "section 0: offset 40 overlaps", 36);
        assertRejected(patched(32 + 4, Integer.MIN_VALUE), "offset -2147483648", 36);
        // move the softmax 2 bytes later: still inside the blob, but misaligned
        assertRejected(patched(32 + 12 + 4, 130), "offset 130 is not a multiple of 4", 48);
    }

    @Test
    void zeroLengthLayer() {
        assertRejected(patched(FC + ModelFormat.FC_OUTPUT_DEPTH, 0), "output depth 0 must be at least 1 (zero-length layer)",
                FC + 4);
    }

    @Test
    void fullyConnectedSizesLargerThanTheBlob() {
        // 4 x 65536 weights claimed inside a 72-byte section: caught before anything is allocated
        assertRejected(patched(FC + ModelFormat.FC_OUTPUT_DEPTH, 65536),
                "layer 0 (FULLY_CONNECTED): section is 72 bytes, but 65536x4 weights with their parameters need", 40);
        assertRejected(patched(FC + ModelFormat.FC_INPUT_DEPTH, Integer.MAX_VALUE), "need 6442451001", 40);
    }

    @Test
    void inconsistentShapes() {
        byte[] b = new ModelBuilder().input(0, 0)
                .fullyConnected(4, 3).weights(new byte[12]).perTensor(1 << 30, 0, 0).add()
                .fullyConnected(5, 2).weights(new byte[10]).perTensor(1 << 30, 0, 0).add()
                .buildUnchecked();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Model.load(b));
        assertTrue(e.getMessage().contains("layer 1 (FULLY_CONNECTED): input depth 5 != previous output depth 3"),
                e.getMessage());
    }

    @Test
    void softmaxDepthMismatch() {
        assertRejected(patched(SOFTMAX + ModelFormat.SOFTMAX_DEPTH, 4),
                "layer 1 (SOFTMAX): input depth 4 != previous output depth 3", SOFTMAX);
    }

    @Test
    void zeroPointChainBroken() {
        assertRejected(patched(FC + ModelFormat.FC_INPUT_ZERO_POINT, 0),
                "layer 0 (FULLY_CONNECTED): input zero point 0 != previous output zero point -5", FC + 16);
        assertRejected(patched(SOFTMAX + ModelFormat.SOFTMAX_INPUT_ZERO_POINT, 0),
                "input zero point 0 != previous output zero point 7", SOFTMAX + 4);
    }

    @Test
    void multiplierOutOfRange() {
        assertRejected(patched(FC + ModelFormat.FC_ARRAYS, 12345),
                "multiplier 12345 (channel 0) is outside [2^30, 2^31-1] and not 0", FC + 36);
        assertRejected(patched(FC + ModelFormat.FC_ARRAYS, -5), "multiplier -5", FC + 36);
        assertRejected(patched(SOFTMAX + ModelFormat.SOFTMAX_INPUT_MULTIPLIER, 0),
                "layer 1 (SOFTMAX): input multiplier 0 is outside [2^30, 2^31-1]", SOFTMAX + 8);
    }

    @Test
    void shiftOutOfRange() {
        assertRejected(patched(FC + ModelFormat.FC_ARRAYS + 4, 31), "shift 31 (channel 0) is outside [-31, 30]", FC + 40);
        assertRejected(patched(FC + ModelFormat.FC_ARRAYS + 4, -32), "shift -32", FC + 40);
        assertRejected(patched(SOFTMAX + ModelFormat.SOFTMAX_INPUT_LEFT_SHIFT, -1), "input left shift -1", SOFTMAX + 12);
    }

    @Test
    void activationRange() {
        byte[] b = valid();
        LittleEndian.writeInt(b, FC + ModelFormat.FC_ACTIVATION_MIN, 10);
        LittleEndian.writeInt(b, FC + ModelFormat.FC_ACTIVATION_MAX, 5);
        ModelBuilder.resealCrc(b);
        assertRejected(b, "activation min 10 > max 5", FC + 24);
        assertRejected(patched(FC + ModelFormat.FC_ACTIVATION_MAX, 128), "activation max 128 is outside [-128, 127]",
                FC + 28);
        assertRejected(patched(FC + ModelFormat.FC_ACTIVATION, 9), "unknown fused activation 9", FC + 12);
    }

    @Test
    void quantisationKind() {
        assertRejected(patched(FC + ModelFormat.FC_QUANTIZATION, 2), "quantisation 2 is neither", FC + 8);
        // per-channel flag without per-channel arrays: the size no longer matches
        assertRejected(patched(FC + ModelFormat.FC_QUANTIZATION, 1), "section is 72 bytes, but 3x4 weights", 40);
    }

    @Test
    void softmaxOutputMustBeScale1Over256AndZeroPointMinus128() {
        assertRejected(patched(SOFTMAX + ModelFormat.SOFTMAX_OUTPUT_ZERO_POINT, 0), "output zero point 0 must be -128",
                SOFTMAX + 20);
        assertRejected(patched(SOFTMAX + ModelFormat.SOFTMAX_OUTPUT_SCALE_BITS, 0x3c000000),
                "output scale bits 0x3c000000 must be 0x3b800000", SOFTMAX + 24);
    }

    @Test
    void noLayers() {
        byte[] b = new ModelBuilder().metadata(new byte[] {1, 2, 3}).buildUnchecked();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Model.load(b));
        assertTrue(e.getMessage().contains("model has no layers"), e.getMessage());
    }

    @Test
    void inputStageProblems() {
        ModelBuilder b = new ModelBuilder().input(3, 0).inputStage(2, new int[] {1, 2, 3, 4}, new int[] {1 << 30},
                new int[] {0});
        b.fullyConnected(4, 2).weights(new byte[8]).perTensor(1 << 30, 0, 0).add();
        byte[] good = b.build();
        // input stage at 32 + 2 * 12 = 56: features, count, preShift, zero point, offsets...
        byte[] badShift = good.clone();
        LittleEndian.writeInt(badShift, 56 + ModelFormat.INPUT_PRE_SHIFT, 16);
        ModelBuilder.resealCrc(badShift);
        assertRejected(badShift, "input stage: pre-shift 16 is outside [0, 15]", 64);
        byte[] badOffset = good.clone();
        LittleEndian.writeInt(badOffset, 56 + ModelFormat.INPUT_ARRAYS + 8, (1 << 30) + 1);
        ModelBuilder.resealCrc(badOffset);
        assertRejected(badOffset, "input stage: feature 2 offset 1073741825 is outside [-1073741824, 1073741824]", 80);
        byte[] badCount = good.clone();
        LittleEndian.writeInt(badCount, 56 + ModelFormat.INPUT_PARAM_COUNT, 3);
        ModelBuilder.resealCrc(badCount);
        assertRejected(badCount, "parameter count 3 must be 1 or the feature count 4", 60);
        byte[] badZero = good.clone();
        LittleEndian.writeInt(badZero, 56 + ModelFormat.INPUT_ZERO_POINT, 4);
        ModelBuilder.resealCrc(badZero);
        assertRejected(badZero, "zero point 4 differs from the header's input zero point 3", 68);
        byte[] badFeatures = good.clone();
        LittleEndian.writeInt(badFeatures, 56 + ModelFormat.INPUT_FEATURES, 1 << 28);
        ModelBuilder.resealCrc(badFeatures);
        assertRejected(badFeatures, "input stage: section is 40 bytes, 268435456 features need", 56);
    }

    @Test
    void inputStageMustComeFirst() {
        ModelBuilder b = new ModelBuilder().input(0, 0).inputStage(0, new int[] {0}, new int[] {1 << 30}, new int[] {0});
        b.fullyConnected(1, 1).weights(new byte[1]).perTensor(1 << 30, 0, 0).add();
        byte[] blob = b.build();
        // swap the two table entries' kinds: FC first, input stage second
        LittleEndian.writeInt(blob, 32, ModelFormat.KIND_FULLY_CONNECTED);
        LittleEndian.writeInt(blob, 44, ModelFormat.KIND_INPUT_STAGE);
        ModelBuilder.resealCrc(blob);
        assertRejected(blob, "section 1: the input stage must be the first section", 44);
    }

    @Test
    void negativeDeclaredLengthIsATruncation() {
        assertRejected(patched(ModelFormat.HEADER_TOTAL_LENGTH, -1), "truncated: header declares -1 bytes, blob has 160", 8);
    }

    @Test
    void sectionKindZeroAndOffsetPastTheEnd() {
        assertRejected(patched(32, 0), "section 0: unknown section kind 0", 32);
        assertRejected(patched(32 + 12 + 4, 200),
                "section 1: offset 200 overlaps the previous section or the table, or lies past the content end"
                        + " (must be in [128, 156])", 48);
    }

    @Test
    void secondMetadataSection() {
        byte[] b = small().metadata(new byte[] {1}).build();
        // turn the softmax entry (section 1) into metadata: section 2 is then the second one
        LittleEndian.writeInt(b, 32 + 12, ModelFormat.KIND_METADATA);
        ModelBuilder.resealCrc(b);
        assertRejected(b, "section 2: second metadata section", 32 + 24);
    }

    @Test
    void sectionsShorterThanTheirFixedPart() {
        assertRejected(patched(32 + 8, 20),
                "layer 0 (FULLY_CONNECTED): section is 20 bytes, shorter than its 36-byte fixed part", FC);
        assertRejected(patched(32 + 12 + 8, 24), "layer 1 (SOFTMAX): section is 24 bytes, a softmax section is 28", 52);
        ModelBuilder b = new ModelBuilder().input(0, 0).inputStage(0, new int[] {0}, new int[] {1 << 30}, new int[] {0});
        byte[] blob = b.fullyConnected(1, 1).weights(new byte[1]).perTensor(1 << 30, 0, 0).add().build();
        LittleEndian.writeInt(blob, 32 + 8, 8);
        ModelBuilder.resealCrc(blob);
        assertRejected(blob, "input stage: section is 8 bytes, shorter than its 16-byte fixed part", 56);
    }

    @Test
    void rangesAreCheckedOnBothSides() {
        assertRejected(patched(FC + ModelFormat.FC_ACTIVATION, -1), "unknown fused activation -1", FC + 12);
        assertRejected(patched(FC + ModelFormat.FC_ACTIVATION_MIN, -129), "activation min -129 is outside [-128, 127]",
                FC + 24);
        assertRejected(patched(FC + ModelFormat.FC_OUTPUT_ZERO_POINT, 128), "output zero point 128 is outside", FC + 20);
        assertRejected(patched(ModelFormat.HEADER_INPUT_ZERO_POINT, -129), "input zero point -129", 16);
        assertRejected(patched(SOFTMAX + ModelFormat.SOFTMAX_DEPTH, 600),
                "layer 1 (SOFTMAX): depth 600 exceeds the softmax maximum 511", SOFTMAX);
    }

    @Test
    void accessorsOfAModelEndingInAFullyConnectedLayer() {
        Model m = Model.load(new ModelBuilder().input(3, 77)
                .fullyConnected(2, 2).weights(new byte[] {1, 2, 3, 4}).bias(new int[] {5, -6})
                .perChannel(new int[] {1 << 30, 1 << 30}, new int[] {0, -1}, new int[] {11, 12})
                .output(-7, 99).activation(Activation.RELU, -7, 127).add().build());
        assertEquals(-7, m.outputZeroPoint());
        assertEquals(2, m.outputSize());
        assertEquals(ModelFormat.KIND_FULLY_CONNECTED, m.layerKind(0));
        assertEquals(99, ModelFields.layerOutputScaleBits(m, 0));
        assertEquals(77, ModelFields.inputScaleBits(m));
        assertEquals(2, ModelFields.weightScaleCount(m, 0));
        assertEquals(12, ModelFields.weightScaleBits(m, 0, 1));
        assertEquals(Activation.RELU, ModelFields.activation(m, 0));
        assertEquals(4, m.weight(0, 1, 1));
        assertEquals(-6, m.bias(0, 1));
        assertEquals(null, m.softmax(0));
        assertEquals(-1, ModelFields.metadataOffset(m));
        assertEquals(0, ModelFields.metadataLength(m));
        assertFalse(m.hasInputStage());
        Model withSoftmax = Model.load(valid());
        assertEquals(-128, withSoftmax.outputZeroPoint());
        assertEquals(ModelFormat.KIND_SOFTMAX, withSoftmax.layerKind(1));
        assertEquals(1, ModelFields.weightScaleCount(withSoftmax, 0));
        assertEquals(Float.floatToRawIntBits(1f), ModelFields.softmaxBetaBits(withSoftmax, 1));
        assertEquals(ModelFormat.SOFTMAX_OUTPUT_SCALE_1_256, ModelFields.layerOutputScaleBits(withSoftmax, 1));
    }

    @Test
    void everyTruncationAndEveryResealedSingleByteMutationFailsCleanly() {
        byte[] good = TestModels.mlp(3, true).metadata(new byte[] {'{', '}'}).build();
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(ModelFormatException.class, () -> Model.load(cut), "truncated to " + n);
        }
        SplittableRandom random = new SplittableRandom(99);
        for (int i = 0; i < 3000; i++) {
            byte[] b = good.clone();
            int at = random.nextInt(Math.min(b.length - 4, 1200));   // header, table, input stage and first layer
            b[at] = (byte) random.nextInt(256);
            if (random.nextBoolean()) {
                ModelBuilder.resealCrc(b);
            }
            try {
                Model.load(b);
            } catch (ModelFormatException expected) {
                assertTrue(expected.byteOffset() >= 0 && expected.byteOffset() <= b.length, expected.getMessage());
            }
        }
    }
}

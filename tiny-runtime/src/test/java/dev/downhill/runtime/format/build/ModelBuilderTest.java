package dev.downhill.runtime.format.build;

import dev.downhill.runtime.format.ModelFields;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.ModelFormatException;
import dev.downhill.runtime.format.LittleEndian;
import dev.downhill.runtime.format.ModelFormat;
import dev.downhill.runtime.kernels.Activation;
import dev.downhill.runtime.kernels.FullyConnected;
import dev.downhill.runtime.kernels.InputQuantizer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Everything written by ModelBuilder reads back unchanged through Model. */
class ModelBuilderTest {

    @Test
    void roundTrip() {
        byte[] w1 = {1, -2, 3, -4, 5, -6};              // [3][2]
        byte[] w2 = {7, 8, 9, -128, 127, 0};             // [2][3]
        byte[] meta = "{\"labels\":[\"cat\",\"dog\"]}".getBytes(StandardCharsets.UTF_8);
        int inScale = Float.floatToRawIntBits(0.024480116f);
        byte[] blob = new ModelBuilder().input(-128, inScale)
                .inputStage(3, new int[] {10, -20}, new int[] {1 << 30, 2_000_000_000}, new int[] {2, -5})
                .fullyConnected(2, 3).weights(w1).bias(new int[] {11, -22, 33})
                .perTensor(2039655759, -7, Float.floatToRawIntBits(0.004039009f))
                .output(-128, Float.floatToRawIntBits(0.013325124f)).activation(Activation.RELU6, -128, 50).add()
                .fullyConnected(3, 2).weights(w2)
                .perChannel(new int[] {1717986944, 1073741824}, new int[] {-3, 0}, new int[] {0x3e4ccccd, 0x3e800000})
                .output(5, Float.floatToRawIntBits(0.008290957f)).add()
                .softmax(1717986944, 23, Float.floatToRawIntBits(1f))
                .metadata(meta)
                .build();
        Model m = Model.load(blob);
        assertEquals(3, m.layerCount());
        assertEquals(2, m.inputSize());
        assertEquals(2, m.outputSize());
        assertEquals(-128, m.inputZeroPoint());
        assertEquals(inScale, ModelFields.inputScaleBits(m));
        assertEquals(-128, m.outputZeroPoint());

        InputQuantizer stage = m.inputStage();
        assertTrue(m.hasInputStage());
        assertEquals(3, stage.preShift());
        assertEquals(-128, stage.zeroPoint());
        assertTrue(stage.isPerFeature());
        assertEquals(-20, stage.offset(1));
        assertEquals(2_000_000_000, stage.multiplier(1));
        assertEquals(-5, stage.shift(1));

        FullyConnected fc0 = m.fullyConnected(0);
        assertFalse(fc0.isPerChannel());
        assertEquals(2039655759, fc0.multiplier(2));
        assertEquals(-7, fc0.shift(0));
        assertEquals(128, fc0.inputOffset());
        assertEquals(-128, fc0.outputOffset());
        assertEquals(-128, fc0.activationMin());
        assertEquals(50, fc0.activationMax());
        assertEquals(Activation.RELU6, ModelFields.activation(m, 0));
        assertEquals(Float.floatToRawIntBits(0.004039009f), ModelFields.weightScaleBits(m, 0, 0));
        assertEquals(Float.floatToRawIntBits(0.013325124f), ModelFields.layerOutputScaleBits(m, 0));
        assertEquals(-22, m.bias(0, 1));
        assertArrayEquals(w1, Arrays.copyOfRange(blob, m.weightsOffset(0), m.weightsOffset(0) + 6));
        assertEquals(-4, m.weight(0, 1, 1));

        FullyConnected fc1 = m.fullyConnected(1);
        assertTrue(fc1.isPerChannel());
        assertEquals(2, ModelFields.weightScaleCount(m, 1));
        assertEquals(0x3e800000, ModelFields.weightScaleBits(m, 1, 1));
        assertEquals(0, fc1.shift(1));
        assertEquals(128, fc1.inputOffset());
        assertEquals(0, m.bias(1, 1));   // no bias given: zeros
        assertEquals(-128, m.weight(1, 1, 0));

        assertNull(m.fullyConnected(2));
        assertEquals(-248, m.softmax(2).diffMin());
        assertEquals(Float.floatToRawIntBits(1f), ModelFields.softmaxBetaBits(m, 2));
        assertEquals(ModelFormat.SOFTMAX_OUTPUT_SCALE_1_256, ModelFields.layerOutputScaleBits(m, 2));

        assertEquals(meta.length, ModelFields.metadataLength(m));
        assertArrayEquals(meta, Arrays.copyOfRange(blob, ModelFields.metadataOffset(m), ModelFields.metadataOffset(m) + meta.length));
        assertEquals(blob.length, m.flashBytes());
    }

    @Test
    void oddSizedSectionsArePaddedToFourBytes() {
        byte[] blob = new ModelBuilder().input(0, 0)
                .fullyConnected(3, 1).weights(new byte[] {1, 2, 3}).perTensor(1 << 30, 0, 0).add()
                .metadata(new byte[] {42})
                .fullyConnected(1, 1).weights(new byte[] {4}).perTensor(1 << 30, 0, 0).add()
                .build();
        Model m = Model.load(blob);
        assertEquals(0, ModelFields.metadataOffset(m) % 4);
        assertEquals(42, blob[ModelFields.metadataOffset(m)]);
        assertEquals(4, m.weight(1, 0, 0));
    }

    @Test
    void buildValidatesTheResult() {
        ModelBuilder b = new ModelBuilder().input(0, 0)
                .fullyConnected(1, 1).weights(new byte[1]).perTensor(5, 0, 0).add();
        ModelFormatException e = assertThrows(ModelFormatException.class, b::build);
        assertTrue(e.getMessage().contains("multiplier 5"), e.getMessage());
    }

    @Test
    void builderRejectsMismatchedArrays() {
        assertThrows(IllegalArgumentException.class, () -> new ModelBuilder().fullyConnected(2, 2)
                .weights(new byte[3]).perTensor(1 << 30, 0, 0).add());
        assertThrows(IllegalArgumentException.class, () -> new ModelBuilder().fullyConnected(2, 2)
                .weights(new byte[4]).perChannel(new int[1], new int[1], new int[1]).add());
        assertThrows(IllegalStateException.class, () -> new ModelBuilder().softmax(1 << 30, 1, 0));
        // every precondition of a fully connected layer
        assertThrows(IllegalStateException.class, () -> new ModelBuilder().fullyConnected(1, 1)
                .perTensor(1 << 30, 0, 0).add());
        assertThrows(IllegalStateException.class, () -> new ModelBuilder().fullyConnected(1, 1)
                .weights(new byte[1]).add());
        assertThrows(IllegalArgumentException.class, () -> new ModelBuilder().fullyConnected(0, 1)
                .weights(new byte[0]).perTensor(1 << 30, 0, 0).add());
        assertThrows(IllegalArgumentException.class, () -> new ModelBuilder().fullyConnected(1, 0)
                .weights(new byte[0]).perTensor(1 << 30, 0, 0).add());
        assertThrows(IllegalArgumentException.class, () -> new ModelBuilder().fullyConnected(1, 2)
                .weights(new byte[2]).perChannel(new int[2], new int[1], new int[2]).add());
        assertThrows(IllegalArgumentException.class, () -> new ModelBuilder().fullyConnected(1, 2)
                .weights(new byte[2]).perChannel(new int[2], new int[2], new int[1]).add());
        assertThrows(IllegalArgumentException.class, () -> new ModelBuilder().fullyConnected(1, 2)
                .weights(new byte[2]).perTensor(1 << 30, 0, 0).bias(new int[3]).add());
    }

    @Test
    void inputAndInputStageMustComeBeforeTheLayers() {
        ModelBuilder b = new ModelBuilder().fullyConnected(1, 1).weights(new byte[1]).perTensor(1 << 30, 0, 0).add();
        assertThrows(IllegalStateException.class, () -> b.input(0, 0));
        assertThrows(IllegalStateException.class,
                () -> b.inputStage(0, new int[1], new int[] {1 << 30}, new int[1]));
    }
}

package dev.downhill.trainer.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class TfliteGraphConverterTest {

    @Test
    void helloWorldBecomesThreeDenseLayersWithTflmsMultipliers() {
        QuantizedChain chain = TfliteGraphConverter.convert(TfliteGraphs.helloWorldInt8());

        assertThat(Float.floatToRawIntBits(chain.inputScale())).isEqualTo(0x3cc88a86);
        assertThat(chain.inputZeroPoint()).isEqualTo(-128);
        assertThat(chain.layers()).hasSize(3).allSatisfy(l -> assertThat(l).isInstanceOf(QuantizedChain.Dense.class));
        QuantizedChain.Dense l1 = (QuantizedChain.Dense) chain.layers().get(0);
        QuantizedChain.Dense l2 = (QuantizedChain.Dense) chain.layers().get(1);
        QuantizedChain.Dense l3 = (QuantizedChain.Dense) chain.layers().get(2);

        // The README's table of what TFLM derives (per-tensor: float32 product of scales first).
        assertThat(new int[] {l1.multipliers()[0], l1.shifts()[0]}).containsExactly(2039655759, -7);
        assertThat(new int[] {l2.multipliers()[0], l2.shifts()[0]}).containsExactly(1561796740, -6);
        assertThat(new int[] {l3.multipliers()[0], l3.shifts()[0]}).containsExactly(1630361784, -5);

        assertThat(new int[] {l1.inputDepth(), l1.outputDepth(), l2.inputDepth(), l2.outputDepth(),
                l3.inputDepth(), l3.outputDepth()}).containsExactly(1, 16, 16, 16, 16, 1);
        assertThat(l1.perChannel()).isFalse();
        assertThat(new int[] {l1.activation(), l2.activation(), l3.activation()}).containsExactly(1, 1, 0);
        // Hidden outputs have zero point -128, so ReLU clamps no more than int8 does.
        assertThat(new int[] {l1.activationMin(), l1.activationMax()}).containsExactly(-128, 127);
        assertThat(l2.inputZeroPoint()).isEqualTo(l1.outputZeroPoint()).isEqualTo(-128);
        assertThat(l3.outputZeroPoint()).isEqualTo(5);
        assertThat(Float.floatToRawIntBits(l3.outputScale())).isEqualTo(0x3c07d6cb);
        assertThat(l2.weights()).hasSize(256);
        assertThat(l2.biases()).hasSize(16);
    }

    /**
     * A Keras Flatten becomes a RESHAPE: one at the input and one at the output of hello_world import to the very
     * same .dhm bytes as the model without them (the reshapes are dropped, the chain reads through them).
     */
    @Test
    void reshapesThatKeepQuantisationAreDroppedFromTheChain() {
        TfliteGraph plain = TfliteGraphs.helloWorldInt8();
        byte[] expected = TfliteImporter.toDhm(TfliteGraphWriter.write(plain, "plain"));
        TfliteGraph reshaped = withReshapes(plain, plain.tensors().get(plain.inputs()[0]).quantization());

        assertThat(TfliteImporter.toDhm(TfliteGraphWriter.write(reshaped, "plain"))).isEqualTo(expected);
    }

    @Test
    void aReshapeThatRequantisesIsRefused() {
        TfliteGraph plain = TfliteGraphs.helloWorldInt8();
        TfliteGraph.Quantization other = new TfliteGraph.Quantization(new float[] {0.5f}, new long[] {0}, 0, 0);

        UnsupportedTfliteModelException e = catchThrowableOfType(UnsupportedTfliteModelException.class,
                () -> TfliteGraphConverter.convert(withReshapes(plain, other)));

        assertThat(e.problems()).hasSize(1).first().asString().startsWith("operator 0 (RESHAPE) requantises (scale 0.5,"
                + " zero point 0 to scale ").endsWith("); a RESHAPE must keep both");
    }

    /**
     * hello_world with a RESHAPE from a new [1, 1, 1] model input (quantised as {@code inputQuantization}) onto the
     * old input, and one from the old output onto a new [1, 1, 1] model output.
     */
    private static TfliteGraph withReshapes(TfliteGraph g, TfliteGraph.Quantization inputQuantization) {
        java.util.List<TfliteGraph.Tensor> tensors = new java.util.ArrayList<>(g.tensors());
        TfliteGraph.Tensor oldIn = tensors.get(g.inputs()[0]);
        TfliteGraph.Tensor oldOut = tensors.get(g.outputs()[0]);
        int newIn = tensors.size();
        tensors.add(new TfliteGraph.Tensor(newIn, "flatten_input", oldIn.type(), new int[] {1, 1, 1}, null, -1,
                inputQuantization, false, false));
        int newOut = tensors.size();
        tensors.add(new TfliteGraph.Tensor(newOut, "reshaped_output", oldOut.type(), new int[] {1, 1, 1}, null, -1,
                oldOut.quantization(), false, false));
        java.util.List<TfliteGraph.Operator> ops = new java.util.ArrayList<>();
        ops.add(new TfliteGraph.Operator(0, TfliteGraphConverter.OP_RESHAPE, null, 1, new int[] {newIn},
                new int[] {oldIn.index()}, 0, null, null));
        for (TfliteGraph.Operator op : g.operators()) {
            ops.add(new TfliteGraph.Operator(ops.size(), op.builtinCode(), op.customCode(), op.version(), op.inputs(),
                    op.outputs(), op.optionsType(), op.fullyConnected(), op.softmax()));
        }
        ops.add(new TfliteGraph.Operator(ops.size(), TfliteGraphConverter.OP_RESHAPE, null, 1,
                new int[] {oldOut.index()}, new int[] {newOut}, 0, null, null));
        return new TfliteGraph(g.schemaVersion(), g.subgraphCount(), tensors, ops, new int[] {newIn},
                new int[] {newOut});
    }

    @Test
    void theFloatModelIsRefusedListingEveryFloatTensor() {
        UnsupportedTfliteModelException e = catchThrowableOfType(UnsupportedTfliteModelException.class,
                () -> TfliteGraphConverter.convert(TfliteGraphReader.read(TfliteTestModels.helloWorldFloat())));

        // 3 layers × (input, weights, bias, output); shared activations are named once per role.
        assertThat(e.problems()).hasSize(12).allSatisfy(p -> assertThat(p).contains("is FLOAT32, expected"));
        assertThat(e.getMessage()).startsWith("the model uses 12 things Downhill cannot import")
                .contains("tensor 0 'serving_default_dense_input:0' (input of operator 0 (FULLY_CONNECTED)) is FLOAT32,"
                        + " expected INT8");
    }

    @Test
    void everyUnsupportedOperatorAndOptionIsListedAtOnce() {
        TfliteGraph g = TfliteGraphs.helloWorldInt8();
        g = TfliteGraphs.withOperator(g, 0, op -> TfliteGraphs.withCode(op, 3));        // CONV_2D
        g = TfliteGraphs.withOperator(g, 1, op -> TfliteGraphs.withActivation(op, 4));  // TANH
        g = TfliteGraphs.withOperator(g, 2, op -> TfliteGraphs.withCode(op, 150));      // GELU
        TfliteGraph graph = g;

        UnsupportedTfliteModelException e = catchThrowableOfType(UnsupportedTfliteModelException.class,
                () -> TfliteGraphConverter.convert(graph));

        assertThat(e.problems()).containsExactly(
                "operator 0 (CONV_2D) is not supported",
                "operator 1 (FULLY_CONNECTED) has fused activation TANH (supported: NONE, RELU, RELU6, RELU_N1_TO_1)",
                "operator 2 (GELU) is not supported");
    }

    @Test
    void perChannelWeightsUseTheAllDoubleMultiplierPerChannel() {
        TfliteGraph g = TfliteGraphs.helloWorldInt8();
        float[] scales = new float[16];
        for (int c = 0; c < 16; c++) {
            scales[c] = 0.004039009f * (1 + c / 16f);
        }
        g = TfliteGraphs.withTensor(g, 6, t -> TfliteGraphs.withQuantization(t, scales, new long[16], 0));

        QuantizedChain.Dense l1 = (QuantizedChain.Dense) TfliteGraphConverter.convert(g).layers().get(0);

        assertThat(l1.perChannel()).isTrue();
        assertThat(l1.multipliers()).hasSize(16);
        for (int c = 0; c < 16; c++) {
            double m = (double) 0.024480116f * (double) scales[c] / (double) 0.013325124f;
            dev.downhill.trainer.quantize.QuantizedMultiplier expected =
                    dev.downhill.trainer.quantize.QuantizedMultiplier.fromReal(m);
            assertThat(new int[] {l1.multipliers()[c], l1.shifts()[c]}).as("channel " + c)
                    .containsExactly(expected.multiplier(), expected.shift());
        }
        // Channel 0 has the per-tensor scale, but the all-double formula: README's "all in double" column.
        assertThat(l1.multipliers()[0]).isEqualTo(2039655736);
    }

    @Test
    void perChannelScalesMustRunAlongTheOutputDimension() {
        TfliteGraph g = TfliteGraphs.withTensor(TfliteGraphs.helloWorldInt8(), 4,
                t -> TfliteGraphs.withQuantization(t, new float[16], new long[16], 1));

        assertThatThrownBy(() -> TfliteGraphConverter.convert(g))
                .isInstanceOf(UnsupportedTfliteModelException.class)
                .hasMessageContaining("has 16 scales along dimension 1; expected 1, or 16 along dimension 0");
    }

    @Test
    void asymmetricWeightsAreRefused() {
        TfliteGraph g = TfliteGraphs.withTensor(TfliteGraphs.helloWorldInt8(), 6,
                t -> TfliteGraphs.withQuantization(t, new float[] {0.004039009f}, new long[] {3}, 0));

        assertThatThrownBy(() -> TfliteGraphConverter.convert(g))
                .isInstanceOf(UnsupportedTfliteModelException.class)
                .hasMessageContaining("has zero point 3; Downhill needs symmetric weights (0)");
    }

    @Test
    void aWeightBufferShorterThanItsShapeIsAFormatError() {
        TfliteGraph g = TfliteGraphs.withTensor(TfliteGraphs.helloWorldInt8(), 4, t -> TfliteGraphs.withData(t, new byte[255]));

        assertThatThrownBy(() -> TfliteGraphConverter.convert(g))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessage("tensor 4 'sequential/dense_1/MatMul' (weights of operator 1 (FULLY_CONNECTED)) has shape"
                        + " [16, 16] of INT8, i.e. 256 bytes, but its buffer holds 255 bytes");
    }

    @Test
    void aBiasScaleFarFromInputTimesWeightScaleIsRefusedAsTflmDoes() {
        TfliteGraph g = TfliteGraphs.withTensor(TfliteGraphs.helloWorldInt8(), 5,
                t -> TfliteGraphs.withQuantization(t, new float[] {1e-3f}, new long[] {0}, 0));

        assertThatThrownBy(() -> TfliteGraphConverter.convert(g))
                .isInstanceOf(UnsupportedTfliteModelException.class)
                .hasMessageContaining("bias of operator 0 (FULLY_CONNECTED) has scale 0.001")
                .hasMessageContaining("TFLM refuses a difference above 0.02 output steps");
    }

    @Test
    void aBrokenChainIsRefused() {
        TfliteGraph g = TfliteGraphs.withOperator(TfliteGraphs.helloWorldInt8(), 2,
                op -> new TfliteGraph.Operator(op.index(), op.builtinCode(), null, op.version(),
                        new int[] {7, 2, 1}, op.outputs(), op.optionsType(), op.fullyConnected(), null));

        assertThatThrownBy(() -> TfliteGraphConverter.convert(g))
                .isInstanceOf(UnsupportedTfliteModelException.class)
                .hasMessageContaining("operator 2 (FULLY_CONNECTED) reads tensor 7, not the output of operator 1"
                        + " (FULLY_CONNECTED) (tensor 8): Downhill runs a single chain of layers");
    }
}

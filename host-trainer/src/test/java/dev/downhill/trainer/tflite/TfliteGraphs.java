package dev.downhill.trainer.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Test helpers: edit a {@link TfliteGraph} and print it for comparisons (its records hold arrays). */
final class TfliteGraphs {

    private TfliteGraphs() {
    }

    static TfliteGraph helloWorldInt8() {
        return TfliteGraphReader.read(TfliteTestModels.helloWorldInt8());
    }

    static TfliteGraph withOperator(TfliteGraph g, int index, UnaryOperator<TfliteGraph.Operator> edit) {
        List<TfliteGraph.Operator> ops = new ArrayList<>(g.operators());
        ops.set(index, edit.apply(ops.get(index)));
        return new TfliteGraph(g.schemaVersion(), g.subgraphCount(), g.tensors(), ops, g.inputs(), g.outputs());
    }

    static TfliteGraph withTensor(TfliteGraph g, int index, UnaryOperator<TfliteGraph.Tensor> edit) {
        List<TfliteGraph.Tensor> tensors = new ArrayList<>(g.tensors());
        tensors.set(index, edit.apply(tensors.get(index)));
        return new TfliteGraph(g.schemaVersion(), g.subgraphCount(), tensors, g.operators(), g.inputs(), g.outputs());
    }

    static TfliteGraph.Operator withCode(TfliteGraph.Operator op, int code) {
        return new TfliteGraph.Operator(op.index(), code, op.customCode(), op.version(), op.inputs(), op.outputs(),
                op.optionsType(), op.fullyConnected(), op.softmax());
    }

    static TfliteGraph.Operator withActivation(TfliteGraph.Operator op, int activation) {
        TfliteGraph.FullyConnectedOptions o = op.fullyConnected();
        return new TfliteGraph.Operator(op.index(), op.builtinCode(), op.customCode(), op.version(), op.inputs(),
                op.outputs(), op.optionsType(), new TfliteGraph.FullyConnectedOptions(activation, o.weightsFormat(),
                        o.keepNumDims(), o.asymmetricQuantizeInputs()), op.softmax());
    }

    static TfliteGraph.Tensor withType(TfliteGraph.Tensor t, int type) {
        return new TfliteGraph.Tensor(t.index(), t.name(), type, t.shape(), t.data(), t.dataOffset(),
                t.quantization(), t.sparse(), t.variable());
    }

    static TfliteGraph.Tensor withQuantization(TfliteGraph.Tensor t, float[] scales, long[] zeroPoints, int dimension) {
        return new TfliteGraph.Tensor(t.index(), t.name(), t.type(), t.shape(), t.data(), t.dataOffset(),
                new TfliteGraph.Quantization(scales, zeroPoints, dimension, 0), t.sparse(), t.variable());
    }

    static TfliteGraph.Tensor withData(TfliteGraph.Tensor t, byte[] data) {
        return new TfliteGraph.Tensor(t.index(), t.name(), t.type(), t.shape(), data, -1,
                t.quantization(), t.sparse(), t.variable());
    }

    /** Everything a graph says, as text (data offsets excluded: they depend on the writer). */
    static String describe(TfliteGraph g) {
        StringBuilder sb = new StringBuilder();
        sb.append("version ").append(g.schemaVersion()).append(", subgraphs ").append(g.subgraphCount())
                .append(", inputs ").append(Arrays.toString(g.inputs()))
                .append(", outputs ").append(Arrays.toString(g.outputs())).append('\n');
        for (TfliteGraph.Tensor t : g.tensors()) {
            sb.append(t.label()).append(" type ").append(t.type()).append(" shape ").append(Arrays.toString(t.shape()))
                    .append(" data ").append(t.data() == null ? "none" : Arrays.toString(t.data()))
                    .append(" sparse ").append(t.sparse()).append(" variable ").append(t.variable());
            TfliteGraph.Quantization q = t.quantization();
            if (q != null) {
                sb.append(" scales ").append(Arrays.toString(q.scales()))
                        .append(" zps ").append(Arrays.toString(q.zeroPoints()))
                        .append(" dim ").append(q.quantizedDimension()).append(" details ").append(q.detailsType());
            }
            sb.append('\n');
        }
        for (TfliteGraph.Operator op : g.operators()) {
            sb.append(op.label()).append(" v").append(op.version()).append(" in ").append(Arrays.toString(op.inputs()))
                    .append(" out ").append(Arrays.toString(op.outputs())).append(" options ").append(op.optionsType())
                    .append(' ').append(op.fullyConnected()).append(' ').append(op.softmax()).append('\n');
        }
        return sb.toString();
    }

    /**
     * hello_world with per-channel weights in layer 2 and a SOFTMAX appended after layer 3, so that
     * one model exercises every supported path; written with {@link TfliteGraphWriter}.
     */
    static TfliteGraph helloWorldWithSoftmaxAndPerChannel() {
        TfliteGraph g = helloWorldInt8();
        float[] scales = new float[16];
        for (int c = 0; c < 16; c++) {
            scales[c] = 0.010894655f * (0.5f + c / 16f);
        }
        g = withTensor(g, 4, t -> withQuantization(t, scales, new long[16], 0));
        List<TfliteGraph.Tensor> tensors = new ArrayList<>(g.tensors());
        tensors.add(new TfliteGraph.Tensor(10, "probabilities", TfliteGraphConverter.INT8, new int[] {1, 1}, null, -1,
                new TfliteGraph.Quantization(new float[] {1f / 256f}, new long[] {-128}, 0, 0), false, false));
        List<TfliteGraph.Operator> ops = new ArrayList<>(g.operators());
        ops.add(new TfliteGraph.Operator(3, TfliteGraphConverter.OP_SOFTMAX, null, 1, new int[] {9}, new int[] {10},
                TfliteLayout.SOFTMAX_OPTIONS_TYPE, null, new TfliteGraph.SoftmaxOptions(1f)));
        return new TfliteGraph(3, 1, tensors, ops, g.inputs(), new int[] {10});
    }
}

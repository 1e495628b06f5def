package dev.downhill.trainer.tflite;

import dev.downhill.trainer.quantize.ActivationRange;
import dev.downhill.trainer.quantize.FusedActivation;
import dev.downhill.trainer.quantize.QuantizedMultiplier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether Downhill can run a {@link TfliteGraph} and, if so, turns it into a
 * {@link QuantizedChain} with every requantisation constant derived exactly as TFLM derives it
 * (docs/int8-arithmetic.md §2, §6, §7.1).
 *
 * <p>Supported: one chain of int8 FULLY_CONNECTED (per-tensor or per-channel weights; fused NONE,
 * RELU, RELU6, RELU_N1_TO_1) and int8 SOFTMAX (int8 output), optionally preceded by one QUANTIZE
 * (float32 model input to int8) and followed by one DEQUANTIZE (int8 to float32 model output),
 * one row per inference. A RESHAPE (a Keras Flatten) that keeps its element count, type and quantisation is
 * dropped: the chain reads through it. The whole graph is examined before giving up, so the
 * {@link UnsupportedTfliteModelException} lists every unsupported thing at once; bytes that contradict
 * themselves (a weight buffer shorter than its shape) are a {@link TfliteFormatException} instead.
 */
final class TfliteGraphConverter {

    static final int FLOAT32 = 0;
    static final int INT32 = 2;
    static final int INT8 = 9;

    static final int OP_DEQUANTIZE = 6;
    static final int OP_FULLY_CONNECTED = 9;
    static final int OP_RESHAPE = 22;
    static final int OP_SOFTMAX = 25;
    static final int OP_QUANTIZE = 114;

    /** Longest softmax row the runtime accepts (tiny-runtime's Softmax.MAX_DEPTH). */
    static final int MAX_SOFTMAX_DEPTH = 511;
    /** Largest requantisation shift the runtime accepts (FullyConnected.MAX_SHIFT). */
    static final int MAX_SHIFT = 30;
    /** TFLM's per-tensor bias-scale tolerance: |S_in·S_w − S_bias| / S_out ≤ 0.02 (§4). */
    static final double BIAS_SCALE_TOLERANCE = 0.02;

    private final TfliteGraph graph;
    private final List<String> problems = new ArrayList<>();
    /** Output tensor of each dropped RESHAPE -> its input tensor. */
    private final Map<Integer, Integer> reshapedFrom = new HashMap<>();

    private TfliteGraphConverter(TfliteGraph graph) {
        this.graph = graph;
    }

    /**
     * @throws UnsupportedTfliteModelException listing everything Downhill cannot run
     * @throws TfliteFormatException if constant data contradicts the tensor shapes
     */
    static QuantizedChain convert(TfliteGraph graph) {
        return new TfliteGraphConverter(graph).convert();
    }

    private QuantizedChain convert() {
        if (graph.schemaVersion() != 3) {
            problems.add("schema version " + graph.schemaVersion() + " (Downhill reads version 3)");
        }
        if (graph.subgraphCount() != 1) {
            problems.add("the model has " + graph.subgraphCount() + " subgraphs (Downhill imports single-subgraph models)");
        }
        if (graph.inputs().length != 1 || graph.outputs().length != 1) {
            problems.add("the model has " + graph.inputs().length + " inputs and " + graph.outputs().length
                    + " outputs (Downhill runs one input and one output)");
        }
        if (graph.operators().isEmpty()) {
            problems.add("the model has no operators");
        }
        // RESHAPE only relabels a row-major tensor (a Keras Flatten): checked here, then left out of the chain, its
        // output read as its input
        List<TfliteGraph.Operator> ops = new ArrayList<>();
        for (TfliteGraph.Operator op : graph.operators()) {
            if (op.customCode() == null && op.builtinCode() == OP_RESHAPE) {
                if (checkReshape(op)) {
                    // a refused one still links the chain: its own problem is reported, not a broken chain after it
                    reshapedFrom.put(op.outputs()[0], op.inputs()[0]);
                }
            } else {
                ops.add(op);
            }
        }

        List<QuantizedChain.Layer> layers = new ArrayList<>();
        TfliteGraph.Tensor chainInput = null;
        for (int i = 0; i < ops.size(); i++) {
            TfliteGraph.Operator op = ops.get(i);
            boolean first = i == 0;
            boolean last = i == ops.size() - 1;
            if (op.customCode() != null) {
                problems.add(op.label() + " is a custom operator");
                continue;
            }
            switch (op.builtinCode()) {
                case OP_QUANTIZE -> {
                    if (checkEdge(op, first, FLOAT32, INT8, "the first operator (float32 model input to int8)")) {
                        chainInput = graph.tensors().get(op.outputs()[0]);
                    }
                }
                case OP_DEQUANTIZE -> checkEdge(op, last, INT8, FLOAT32, "the last operator (int8 to float32 model output)");
                case OP_FULLY_CONNECTED -> add(layers, dense(op));
                case OP_SOFTMAX -> add(layers, softmax(op));
                default -> problems.add(op.label() + " is not supported");
            }
            if (first && chainInput == null && op.inputs().length > 0 && op.inputs()[0] >= 0) {
                chainInput = graph.tensors().get(op.inputs()[0]);
            }
        }
        checkChain(ops);
        if (problems.isEmpty() && layers.isEmpty()) {
            problems.add("the model has no FULLY_CONNECTED or SOFTMAX layer");
        }
        float[] inputQ = problems.isEmpty() ? activationQuantization(chainInput, "model input") : null;
        if (!problems.isEmpty()) {
            throw new UnsupportedTfliteModelException(problems);
        }
        return new QuantizedChain(inputQ[0], (int) inputQ[1], layers);
    }

    private static void add(List<QuantizedChain.Layer> layers, QuantizedChain.Layer layer) {
        if (layer != null) {
            layers.add(layer);
        }
    }

    /** QUANTIZE / DEQUANTIZE: only as the first / last operator, converting between float32 and int8. */
    private boolean checkEdge(TfliteGraph.Operator op, boolean inPlace, int fromType, int toType, String where) {
        if (!inPlace) {
            problems.add(op.label() + " is supported only as " + where);
            return false;
        }
        if (op.inputs().length != 1 || op.outputs().length != 1 || op.inputs()[0] < 0) {
            problems.add(op.label() + " has " + op.inputs().length + " inputs and " + op.outputs().length
                    + " outputs, expected 1 and 1");
            return false;
        }
        TfliteGraph.Tensor in = graph.tensors().get(op.inputs()[0]);
        TfliteGraph.Tensor out = graph.tensors().get(op.outputs()[0]);
        boolean ok = requireType(in, fromType, "input of " + op.label());
        ok &= requireType(out, toType, "output of " + op.label());
        if (elementCount(in) != elementCount(out)) {
            problems.add(op.label() + " changes the element count from " + elementCount(in) + " to " + elementCount(out));
            ok = false;
        }
        return ok;
    }

    private QuantizedChain.Dense dense(TfliteGraph.Operator op) {
        String label = op.label();
        int problemsBefore = problems.size();
        int[] in = op.inputs();
        if (in.length < 2 || in.length > 3 || op.outputs().length != 1 || in[0] < 0 || in[1] < 0) {
            problems.add(label + " has inputs " + Arrays.toString(in) + " and outputs "
                    + Arrays.toString(op.outputs()) + ", expected (input, weights[, bias]) -> output");
            return null;
        }
        TfliteGraph.Tensor input = graph.tensors().get(in[0]);
        TfliteGraph.Tensor weights = graph.tensors().get(in[1]);
        TfliteGraph.Tensor bias = in.length == 3 && in[2] >= 0 ? graph.tensors().get(in[2]) : null;
        TfliteGraph.Tensor output = graph.tensors().get(op.outputs()[0]);

        requireType(input, INT8, "input of " + label);
        requireType(weights, INT8, "weights of " + label);
        if (bias != null) {
            requireType(bias, INT32, "bias of " + label);
        }
        requireType(output, INT8, "output of " + label);

        TfliteGraph.FullyConnectedOptions options = op.fullyConnected();
        if (options == null && op.optionsType() != 0) {
            problems.add(label + " carries builtin options of union type " + op.optionsType()
                    + ", not FullyConnectedOptions");
        }
        int activation = options == null ? 0 : options.activation();
        FusedActivation fused = switch (activation) {
            case 0 -> FusedActivation.NONE;
            case 1 -> FusedActivation.RELU;
            case 2 -> FusedActivation.RELU_N1_TO_1;
            case 3 -> FusedActivation.RELU6;
            default -> null;
        };
        if (fused == null) {
            problems.add(label + " has fused activation " + activationName(activation)
                    + " (supported: NONE, RELU, RELU6, RELU_N1_TO_1)");
        }
        if (options != null && options.weightsFormat() != 0) {
            problems.add(label + " has weights format " + options.weightsFormat() + " (supported: DEFAULT)");
        }

        if (weights.shape().length != 2) {
            problems.add("weights of " + label + " have shape " + Arrays.toString(weights.shape())
                    + ", expected [output depth, input depth]");
            return null;
        }
        int outDepth = weights.shape()[0];
        int inDepth = weights.shape()[1];
        if (outDepth < 1 || inDepth < 1) {
            problems.add("weights of " + label + " have an empty shape " + Arrays.toString(weights.shape()));
            return null;
        }
        if (elementCount(input) != inDepth) {
            problems.add("input of " + label + " has " + elementCount(input) + " elements, but the weights expect one row of "
                    + inDepth + " (Downhill runs one row per inference)");
        }
        if (elementCount(output) != outDepth) {
            problems.add("output of " + label + " has " + elementCount(output) + " elements, expected " + outDepth);
        }
        requireDense(weights, "weights of " + label);
        if (bias != null) {
            requireDense(bias, "bias of " + label);
        }
        if (problems.size() > problemsBefore) {
            return null;
        }

        float[] inQ = activationQuantization(input, "input of " + label);
        float[] outQ = activationQuantization(output, "output of " + label);
        float[] weightScales = weightScales(weights, outDepth, "weights of " + label);
        if (inQ == null || outQ == null || weightScales == null) {
            return null;
        }
        boolean perChannel = weightScales.length > 1; // TFLM decides by counting scales (§5)
        byte[] w = constantData(weights, (long) outDepth * inDepth, "weights of " + label);
        if (w == null) {
            return null;
        }
        int[] biases = new int[outDepth];
        if (bias != null) {
            byte[] b = constantData(bias, 4L * outDepth, "bias of " + label);
            if (b == null) {
                return null;
            }
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(biases);
            if (!perChannel) {
                checkBiasScale(bias, inQ[0], weightScales[0], outQ[0], label);
            }
        }

        int[] multipliers = new int[weightScales.length];
        int[] shifts = new int[weightScales.length];
        for (int c = 0; c < weightScales.length; c++) {
            QuantizedMultiplier qm = multiplier(perChannel, inQ[0], weightScales[c], outQ[0], label);
            if (qm == null) {
                return null;
            }
            multipliers[c] = qm.multiplier();
            shifts[c] = qm.shift();
        }
        ActivationRange range = ActivationRange.of(fused, outQ[0], (int) outQ[1]);
        return new QuantizedChain.Dense(inDepth, outDepth, perChannel, activation, (int) inQ[1], (int) outQ[1],
                range.min(), range.max(), outQ[0], weightScales, multipliers, shifts, biases, w);
    }

    private QuantizedMultiplier multiplier(boolean perChannel, float sIn, float sW, float sOut, String label) {
        double real = perChannel ? QuantizedMultiplier.perChannelReal(sIn, sW, sOut)
                : QuantizedMultiplier.perTensorReal(sIn, sW, sOut);
        if (real >= Math.scalb(1.0, MAX_SHIFT)) {
            problems.add(label + " needs a requantisation multiplier of " + real + " (input scale " + sIn
                    + " × weight scale " + sW + " / output scale " + sOut + "), too large for the runtime");
            return null;
        }
        QuantizedMultiplier qm = QuantizedMultiplier.fromReal(real);
        if (qm.shift() > MAX_SHIFT) {
            problems.add(label + " needs a requantisation shift of " + qm.shift() + ", above the runtime's " + MAX_SHIFT);
            return null;
        }
        return qm;
    }

    /** TFLM refuses a per-tensor layer whose bias scale is far from S_in·S_w (computed in double). */
    private void checkBiasScale(TfliteGraph.Tensor bias, float sIn, float sW, float sOut, String label) {
        TfliteGraph.Quantization q = bias.quantization();
        float sBias = q != null && q.scales().length > 0 ? q.scales()[0] : 0f;
        double product = (double) sIn * (double) sW;
        double difference = Math.abs(product - sBias) / sOut;
        if (!(difference <= BIAS_SCALE_TOLERANCE)) {
            problems.add("bias of " + label + " has scale " + sBias + ", but input scale × weight scale is " + product
                    + "; TFLM refuses a difference above " + BIAS_SCALE_TOLERANCE + " output steps");
        }
    }

    private QuantizedChain.Softmax softmax(TfliteGraph.Operator op) {
        String label = op.label();
        int problemsBefore = problems.size();
        if (op.inputs().length != 1 || op.outputs().length != 1 || op.inputs()[0] < 0) {
            problems.add(label + " has inputs " + Arrays.toString(op.inputs()) + " and outputs "
                    + Arrays.toString(op.outputs()) + ", expected one input and one output");
            return null;
        }
        TfliteGraph.Tensor input = graph.tensors().get(op.inputs()[0]);
        TfliteGraph.Tensor output = graph.tensors().get(op.outputs()[0]);
        requireType(input, INT8, "input of " + label);
        requireType(output, INT8, "output of " + label);
        if (problems.size() > problemsBefore) {
            return null;
        }
        float[] inQ = activationQuantization(input, "input of " + label);
        float[] outQ = activationQuantization(output, "output of " + label);
        if (inQ == null || outQ == null) {
            return null;
        }
        if (Float.floatToRawIntBits(outQ[0]) != Float.floatToRawIntBits(QuantizedChain.Softmax.OUTPUT_SCALE)
                || (int) outQ[1] != QuantizedChain.Softmax.OUTPUT_ZERO_POINT) {
            problems.add("output of " + label + " has scale " + outQ[0] + " and zero point " + (int) outQ[1]
                    + "; TFLM's int8 softmax requires exactly 1/256 and -128");
        }
        long depth = elementCount(input);
        int[] shape = input.shape();
        if (shape.length == 0 || shape[shape.length - 1] != depth) {
            problems.add("input of " + label + " has shape " + Arrays.toString(shape)
                    + " (Downhill runs one softmax row per inference)");
        } else if (depth < 1 || depth > MAX_SOFTMAX_DEPTH) {
            problems.add("input of " + label + " has " + depth + " values; the runtime's softmax takes 1.."
                    + MAX_SOFTMAX_DEPTH);
        }
        if (elementCount(output) != depth) {
            problems.add("output of " + label + " has " + elementCount(output) + " elements, expected " + depth);
        }
        TfliteGraph.SoftmaxOptions options = op.softmax();
        if (options == null) {
            problems.add(label + " has no SoftmaxOptions, so no beta");
            return null;
        }
        float beta = options.beta();
        // TFLM's PreprocessSoftmaxScaling with 5 integer bits: min(beta · S_in · 2^26, 2^31 − 1) in double.
        double real = Math.min((double) beta * (double) inQ[0] * (1 << 26), (double) Integer.MAX_VALUE);
        if (!(real > 1.0)) {
            problems.add(label + " has beta " + beta + " and input scale " + inQ[0]
                    + ": beta × scale × 2^26 must exceed 1 for TFLM's int8 softmax");
            return null;
        }
        if (problems.size() > problemsBefore) {
            return null;
        }
        QuantizedMultiplier qm = QuantizedMultiplier.fromReal(real);
        return new QuantizedChain.Softmax((int) depth, (int) inQ[1], beta, qm.multiplier(), qm.shift());
    }

    /** Every tensor between the model input and output must be read by exactly the next operator. */
    private void checkChain(List<TfliteGraph.Operator> ops) {
        if (ops.isEmpty() || graph.inputs().length != 1 || graph.outputs().length != 1) {
            return;
        }
        for (int i = 0; i < ops.size(); i++) {
            TfliteGraph.Operator op = ops.get(i);
            if (op.inputs().length == 0 || op.outputs().length != 1) {
                continue; // already reported by the operator's own check
            }
            int reads = beforeReshapes(op.inputs()[0]);
            int expected = i == 0 ? graph.inputs()[0] : ops.get(i - 1).outputs().length == 1
                    ? ops.get(i - 1).outputs()[0] : Integer.MIN_VALUE;
            if (expected != Integer.MIN_VALUE && reads != expected) {
                problems.add(op.label() + " reads tensor " + reads + ", not " + (i == 0 ? "the model input" : "the output of "
                        + ops.get(i - 1).label()) + " (tensor " + expected + "): Downhill runs a single chain of layers");
            }
        }
        TfliteGraph.Operator lastOp = ops.get(ops.size() - 1);
        if (lastOp.outputs().length == 1 && lastOp.outputs()[0] != beforeReshapes(graph.outputs()[0])) {
            problems.add("the model output is tensor " + graph.outputs()[0] + ", not the output of " + lastOp.label()
                    + " (tensor " + lastOp.outputs()[0] + "): Downhill runs a single chain of layers");
        }
    }

    /**
     * RESHAPE: one data input (and an optional shape tensor), the same element count, and for int8 the same scale
     * and zero point (as TFLite requires), so that dropping it changes no value. Problems are recorded; returns
     * whether it has the input and output to link the chain through.
     */
    private boolean checkReshape(TfliteGraph.Operator op) {
        int[] in = op.inputs();
        if (in.length < 1 || in.length > 2 || in[0] < 0 || op.outputs().length != 1) {
            problems.add(op.label() + " has inputs " + Arrays.toString(in) + " and outputs "
                    + Arrays.toString(op.outputs()) + ", expected (input[, shape]) -> output");
            return false;
        }
        TfliteGraph.Tensor from = graph.tensors().get(in[0]);
        TfliteGraph.Tensor to = graph.tensors().get(op.outputs()[0]);
        if (from.type() != to.type() || (from.type() != INT8 && from.type() != FLOAT32)) {
            problems.add(op.label() + " turns " + TensorTypeNames.of(from.type()) + " into "
                    + TensorTypeNames.of(to.type()) + "; Downhill drops a RESHAPE of int8 or float32 that keeps its type");
            return true;
        }
        if (elementCount(from) != elementCount(to)) {
            problems.add(op.label() + " changes the element count from " + elementCount(from) + " to "
                    + elementCount(to));
            return true;
        }
        if (from.type() == INT8) {
            float[] a = activationQuantization(from, "input of " + op.label());
            float[] b = activationQuantization(to, "output of " + op.label());
            if (a == null || b == null) {
                return true;
            }
            if (a[0] != b[0] || a[1] != b[1]) {
                problems.add(op.label() + " requantises (scale " + a[0] + ", zero point " + (int) a[1] + " to scale "
                        + b[0] + ", zero point " + (int) b[1] + "); a RESHAPE must keep both");
            }
        }
        return true;
    }

    /** The tensor a chain of dropped RESHAPEs was made from ({@code tensor} itself when none made it). */
    private int beforeReshapes(int tensor) {
        int t = tensor;
        // at most one hop per RESHAPE: a malformed model whose RESHAPEs form a cycle must not loop
        for (int hops = 0; hops <= reshapedFrom.size(); hops++) {
            Integer from = reshapedFrom.get(t);
            if (from == null) {
                return t;
            }
            t = from;
        }
        return t;
    }

    private boolean requireType(TfliteGraph.Tensor t, int type, String role) {
        if (t.type() != type) {
            problems.add(t.label() + " (" + role + ") is " + TensorTypeNames.of(t.type()) + ", expected "
                    + TensorTypeNames.of(type));
            return false;
        }
        return true;
    }

    private void requireDense(TfliteGraph.Tensor t, String role) {
        if (t.sparse()) {
            problems.add(t.label() + " (" + role + ") is sparse; Downhill needs dense constant tensors");
        }
        if (t.data() == null) {
            problems.add(t.label() + " (" + role + ") has no constant data; Downhill needs constant weights and biases");
        }
    }

    /** {scale, zero point} of an int8 activation tensor, or null after recording a problem. */
    private float[] activationQuantization(TfliteGraph.Tensor t, String role) {
        TfliteGraph.Quantization q = t.quantization();
        if (q == null || q.scales().length == 0) {
            problems.add(t.label() + " (" + role + ") has no quantisation parameters");
            return null;
        }
        if (q.detailsType() != 0) {
            problems.add(t.label() + " (" + role + ") uses custom quantisation");
            return null;
        }
        if (q.scales().length != 1 || q.zeroPoints().length != 1) {
            problems.add(t.label() + " (" + role + ") has " + q.scales().length + " scales and " + q.zeroPoints().length
                    + " zero points; activations need exactly one of each");
            return null;
        }
        float scale = q.scales()[0];
        long zeroPoint = q.zeroPoints()[0];
        if (!(scale > 0) || Float.isInfinite(scale)) {
            problems.add(t.label() + " (" + role + ") has scale " + scale + "; scales must be finite and > 0");
            return null;
        }
        if (zeroPoint < -128 || zeroPoint > 127) {
            problems.add(t.label() + " (" + role + ") has zero point " + zeroPoint + ", outside int8");
            return null;
        }
        return new float[] {scale, zeroPoint};
    }

    /** Weight scales: 1 (per-tensor) or one per output channel along dimension 0; zero points all 0. */
    private float[] weightScales(TfliteGraph.Tensor t, int outDepth, String role) {
        TfliteGraph.Quantization q = t.quantization();
        if (q == null || q.scales().length == 0) {
            problems.add(t.label() + " (" + role + ") has no quantisation parameters");
            return null;
        }
        if (q.detailsType() != 0) {
            problems.add(t.label() + " (" + role + ") uses custom quantisation");
            return null;
        }
        float[] scales = q.scales();
        if (scales.length != 1 && (scales.length != outDepth || q.quantizedDimension() != 0)) {
            problems.add(t.label() + " (" + role + ") has " + scales.length + " scales along dimension "
                    + q.quantizedDimension() + "; expected 1, or " + outDepth + " along dimension 0");
            return null;
        }
        if (q.zeroPoints().length != 0 && q.zeroPoints().length != scales.length) {
            problems.add(t.label() + " (" + role + ") has " + scales.length + " scales but " + q.zeroPoints().length
                    + " zero points");
            return null;
        }
        for (long z : q.zeroPoints()) {
            if (z != 0) {
                problems.add(t.label() + " (" + role + ") has zero point " + z + "; Downhill needs symmetric weights (0)");
                return null;
            }
        }
        for (float s : scales) {
            if (!(s > 0) || Float.isInfinite(s)) {
                problems.add(t.label() + " (" + role + ") has scale " + s + "; scales must be finite and > 0");
                return null;
            }
        }
        return scales.clone();
    }

    /** The tensor's constant bytes, which must be exactly {@code expectedBytes} long. */
    private static byte[] constantData(TfliteGraph.Tensor t, long expectedBytes, String role) {
        if (t.data().length != expectedBytes) {
            throw new TfliteFormatException(t.label() + " (" + role + ") has shape " + Arrays.toString(t.shape())
                    + " of " + TensorTypeNames.of(t.type()) + ", i.e. " + expectedBytes + " bytes, but its buffer holds "
                    + t.data().length + " bytes", t.dataOffset());
        }
        return t.data();
    }

    /** Product of the dimensions, saturating at Long.MAX_VALUE (a corrupt shape can be huge). */
    static long elementCount(TfliteGraph.Tensor t) {
        long n = 1;
        for (int d : t.shape()) {
            if (d != 0 && n > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            n *= d;
        }
        return n;
    }

    private static String activationName(int code) {
        return switch (code) {
            case 4 -> "TANH";
            case 5 -> "SIGN_BIT";
            default -> "code " + code;
        };
    }
}

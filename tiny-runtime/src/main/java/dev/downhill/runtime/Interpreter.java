package dev.downhill.runtime;

import dev.downhill.runtime.kernels.FullyConnected;
import dev.downhill.runtime.kernels.InputQuantizer;
import dev.downhill.runtime.kernels.Softmax;

/**
 * Runs a {@link Model}: binds it to an arena and executes its layers in order.
 *
 * <p><b>The arena.</b> Two arrays, each allocated once, in the constructor, at the size the plan gives: an int8
 * array holding every activation tensor, and an int32 array holding every fully connected layer's folded biases
 * followed by the softmax scratch (one int per element of the longest softmax row: each exponential is computed
 * once and kept there). The default plan is <b>ping-pong</b>: a sequential model only ever needs a layer's input
 * and output alive, so even tensors share region A at offset 0 and odd tensors region B right after it, each as
 * large as its largest tensor. {@link #RETAIN_ACTIVATIONS} gives every tensor its own region instead (on-device
 * adaptation reads every layer's input and output after an invoke). {@link MemoryReport#of(Interpreter)} counts all
 * of it.
 *
 * <p><b>Ownership.</b> The interpreter borrows the model (and through it the caller's blob) and owns its arena
 * and a small table of per-layer parameter references. Everything is allocated in the constructor; {@link #invoke()}
 * and every other method allocate nothing. Not thread-safe: one interpreter per
 * thread of inference (several may share one model).
 *
 * <p><b>Parameter references (for on-device adaptation).</b> Each fully connected layer reads its weights and
 * biases through references that default to the model's bytes and can be redirected to RAM copies:
 * {@link #setLayerWeights}, {@link #setLayerBias}, {@link #setInputStage}. The arrays are referenced, not copied,
 * so the caller updates them in place and then calls {@link #refreshLayer} (the kernel reads a folded bias
 * derived from both), or {@link #biasChanged} when only a bias moved. {@link #restoreModelParameters()} returns
 * to the model's values. After {@link #invoke()},
 * every layer's int8 input and output can be read from {@link #activations()} at {@link #layerInputOffset}
 * and {@link #layerOutputOffset} when the interpreter was created with {@link #RETAIN_ACTIVATIONS}; with the
 * default ping-pong arena only the last layer's input and output survive.
 */
public final class Interpreter {

    /** Option: give every tensor its own arena region so all activations can be read after invoke. */
    public static final int RETAIN_ACTIVATIONS = 1;

    private final Model model;
    private final int layers;
    /** The model's output length, kept here so argMax() costs no chain of calls. */
    private final int outputSize;
    private final boolean retain;
    /** The arena's int8 array: every activation tensor, at {@link #tensorOffsets}. */
    private final byte[] activations;
    /** The arena's int32 array: folded biases at {@link #biasOffsets}, then the softmax scratch. */
    private final int[] ints;
    private final int scratchOffset;
    private int invocations;
    /** Offset of tensor t in {@link #activations} (tensor 0: model input; tensor l+1: layer l's output). */
    private final int[] tensorOffsets;
    /** Offset of layer l's folded biases in {@link #ints} (unused for softmax layers). */
    private final int[] biasOffsets;
    private final byte[][] weightArrays;
    private final int[] weightOffsets;
    private final int[][] biasArrays;
    private final int[] biasArrayOffsets;
    private InputQuantizer inputStage;

    /**
     * A ping-pong interpreter (least RAM; only the last layer's activations survive an invoke).
     *
     * @param model a model returned by {@link Model#load}
     */
    public Interpreter(Model model) {
        this(model, 0);
    }

    /**
     * An interpreter for {@code model}; everything it needs is allocated here, nothing later.
     *
     * @param model a model returned by {@link Model#load}
     * @param options 0 or {@link #RETAIN_ACTIVATIONS}
     */
    public Interpreter(Model model, int options) {
        this.model = model;
        this.retain = retains(options);
        int n = model.layerCount();
        this.layers = n;
        this.outputSize = model.outputSize();
        this.tensorOffsets = new int[n + 1];
        this.activations = new byte[planTensors(model, retain, tensorOffsets)];
        this.biasOffsets = new int[n];
        this.scratchOffset = planBiases(model, biasOffsets);
        this.ints = new int[scratchOffset + softmaxScratch(model)];
        this.weightArrays = new byte[n][];
        this.weightOffsets = new int[n];
        this.biasArrays = new int[n][];
        this.biasArrayOffsets = new int[n];
        restoreModelParameters();
    }

    static boolean retains(int options) {
        if ((options & ~RETAIN_ACTIVATIONS) != 0) {
            throw new IllegalArgumentException("unknown interpreter option");
        }
        return options != 0;
    }

    /**
     * Places the tensors (into {@code offsets} unless null) and returns the activation array's length: the sum of
     * the tensor sizes when retaining, else the largest even tensor plus the largest odd one.
     */
    static int planTensors(Model model, boolean retain, int[] offsets) {
        int even = 0;
        int odd = 0;
        long total = 0;
        for (int t = 0; t <= model.layerCount(); t++) {
            int size = t == 0 ? model.inputSize() : model.layerOutputSize(t - 1);
            if (retain && offsets != null) {
                offsets[t] = (int) total;
            }
            total += size;
            if ((t & 1) == 0) {
                even = Math.max(even, size);
            } else {
                odd = Math.max(odd, size);
            }
        }
        if (!retain) {
            for (int t = 1; offsets != null && t < offsets.length; t += 2) {
                offsets[t] = even;
            }
            total = (long) even + odd;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arena larger than 2 GB");
        }
        return (int) total;
    }

    /** Places each fully connected layer's folded biases (into {@code offsets} unless null); returns their total. */
    static int planBiases(Model model, int[] offsets) {
        int total = 0;
        for (int l = 0; l < model.layerCount(); l++) {
            if (offsets != null) {
                offsets[l] = total;
            }
            total += model.isFullyConnected(l) ? model.layerOutputSize(l) : 0;
        }
        return total;
    }

    /** Ints of softmax scratch: the longest softmax row (0 without softmax). */
    static int softmaxScratch(Model model) {
        int longest = 0;
        for (int l = 0; l < model.layerCount(); l++) {
            if (!model.isFullyConnected(l)) {
                longest = Math.max(longest, model.layerOutputSize(l));
            }
        }
        return longest;
    }

    /** {@return the model this interpreter runs} */
    public Model model() {
        return model;
    }

    // ---- running ----

    /**
     * Runs every layer on the int8 input tensor and leaves the result in the output tensor. Allocates nothing
     * and cannot fail: every size and parameter was validated at load.
     */
    public void invoke() {
        invocations++;
        // fields in locals and the model's arrays read directly: under an interpreter every getfield and call
        // counts, and this loop runs once per inference
        byte[] a = activations;
        int[] offsets = tensorOffsets;
        int[] folded = ints;
        FullyConnected[] fc = model.fullyConnected;
        for (int l = 0; l < layers; l++) {
            FullyConnected p = fc[l];
            if (p != null) {
                p.eval(a, offsets[l], weightArrays[l], weightOffsets[l], folded, biasOffsets[l], a,
                        offsets[l + 1]);
            } else {
                model.softmax[l].eval(a, offsets[l], a, offsets[l + 1], folded, scratchOffset);
            }
        }
    }

    /**
     * Counts {@link #invoke()} calls, wrapping at 2^32, so that a caller can tell whether the arena was recomputed
     * since a moment it noted (the adapter reuses a forward pass the application has just run).
     *
     * @return the number of invocations so far, modulo 2^32
     */
    public int invocations() {
        return invocations;
    }

    /**
     * Runs the input stage on {@code raw[offset ..]} and then {@link #invoke()}. Allocates nothing.
     *
     * @param raw raw sensor integers, one per model input feature
     * @param offset index of the first value in the array
     */
    public void invoke(int[] raw, int offset) {
        quantizeInput(raw, offset);
        invoke();
    }

    /**
     * Fills the int8 input tensor from raw sensor integers through the input stage (one value per feature,
     * saturated to int16). Allocates nothing.
     *
     * @param raw raw sensor integers, one per model input feature
     * @param offset index of the first value in the array
     * @throws IllegalStateException if neither the model nor {@link #setInputStage} provides an input stage
     */
    public void quantizeInput(int[] raw, int offset) {
        if (inputStage == null) {
            throw new IllegalStateException("the model has no input stage: fill the int8 input instead");
        }
        inputStage.quantize(raw, offset, activations, tensorOffsets[0]);
    }

    /**
     * Copies {@link #inputSize()} int8 values from {@code src[offset ..]} into the input tensor.
     *
     * @param src holds the int8 input values
     * @param offset index of the first value in the array
     */
    public void setInput(byte[] src, int offset) {
        System.arraycopy(src, offset, activations, tensorOffsets[0], model.inputSize());
    }

    /**
     * Copies the int8 output tensor into {@code dst[offset ..]}.
     *
     * @param dst receives the values
     * @param offset index of the first value in the array
     */
    public void copyOutput(byte[] dst, int offset) {
        System.arraycopy(activations, tensorOffsets[layers], dst, offset, outputSize);
    }

    /**
     * Output element {@code i} (int8 as int).
     *
     * @param i an index into the output tensor, 0 to {@code outputSize() - 1}
     * @return output element {@code i} (int8 as int)
     */
    public int output(int i) {
        return activations[tensorOffsets[layers] + i];
    }

    /**
     * Index of the largest output, the first one on ties (as TFLM's ARG_MAX). For the top k, or any other region,
     * use {@link dev.downhill.runtime.kernels.ArgMax} on {@link #activations()} at {@link #outputOffset()}.
     *
     * @return index of the largest output (first one on ties)
     */
    public int argMax() {
        // the loop of ArgMax.argMax, written out so that classifying needs no further class on a device
        byte[] a = activations;
        int at = tensorOffsets[layers];
        int best = at;
        int bestValue = a[at];
        for (int i = at + 1, end = at + outputSize; i < end; i++) {
            if (a[i] > bestValue) {
                bestValue = a[i];
                best = i;
            }
        }
        return best - at;
    }

    // ---- tensors ----

    /** {@return the arena's int8 activation array (all tensors live in it, at the offsets below)} */
    public byte[] activations() {
        return activations;
    }

    /** {@return offset of the int8 model input in {@link #activations()}} */
    public int inputOffset() {
        return tensorOffsets[0];
    }

    /** {@return length of the int8 model input} */
    public int inputSize() {
        return model.inputSize();
    }

    /** {@return offset of the int8 model output in {@link #activations()}} */
    public int outputOffset() {
        return tensorOffsets[layers];
    }

    /** {@return length of the int8 model output} */
    public int outputSize() {
        return outputSize;
    }

    /** {@return whether every layer's activations survive an invoke ({@link #RETAIN_ACTIVATIONS})} */
    public boolean retainsActivations() {
        return retain;
    }

    /**
     * Offset of layer {@code layer}'s int8 input in {@link #activations()}.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return offset of layer {@code layer}'s int8 input in {@link #activations()}
     */
    public int layerInputOffset(int layer) {
        return tensorOffsets[layer];
    }

    /**
     * Offset of layer {@code layer}'s int8 output in {@link #activations()}.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return offset of layer {@code layer}'s int8 output in {@link #activations()}
     */
    public int layerOutputOffset(int layer) {
        return tensorOffsets[layer + 1];
    }

    // ---- parameter references (adaptation hooks) ----

    /**
     * Makes fully connected layer {@code layer} read its int8 weights [out][in] from
     * {@code weights[offset ..]} (referenced, not copied), or from the model again if {@code weights} is null,
     * and refreshes its folded bias.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @param weights the layer's {@code [out][in]} int8 weights, or {@code null} for the model's own
     * @param offset index of the first value in the array
     */
    public void setLayerWeights(int layer, byte[] weights, int offset) {
        requireFullyConnected(layer);
        if (weights == null) {
            weightArrays[layer] = model.blob();
            weightOffsets[layer] = model.weightsOffset(layer);
        } else {
            int n = model.layerInputSize(layer) * model.layerOutputSize(layer);
            if (offset < 0 || offset > weights.length - n) {
                throw new IllegalArgumentException("weights array too short for this layer");
            }
            weightArrays[layer] = weights;
            weightOffsets[layer] = offset;
        }
        refreshLayer(layer);
    }

    /**
     * Makes fully connected layer {@code layer} read its int32 biases from {@code bias[offset ..]} (referenced,
     * not copied), or from the model again if {@code bias} is null, and refreshes its folded bias.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @param bias the layer's int32 biases, or {@code null} for the model's own
     * @param offset index of the first value in the array
     */
    public void setLayerBias(int layer, int[] bias, int offset) {
        requireFullyConnected(layer);
        if (bias != null && (offset < 0 || offset > bias.length - model.layerOutputSize(layer))) {
            throw new IllegalArgumentException("bias array too short for this layer");
        }
        biasArrays[layer] = bias;
        biasArrayOffsets[layer] = offset;
        refreshLayer(layer);
    }

    /**
     * Makes {@link #quantizeInput} use {@code params} (whose arrays the caller may update in place), or the
     * model's input stage again if null.
     *
     * @param params an input stage with one feature per model input, or {@code null} for the model's own
     */
    public void setInputStage(InputQuantizer params) {
        if (params != null && params.features() != inputSize()) {
            throw new IllegalArgumentException("input stage must have one feature per model input");
        }
        inputStage = params != null ? params : model.inputStage();
    }

    /**
     * The array layer {@code layer} currently reads its weights from.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return the array layer {@code layer} currently reads its weights from
     */
    public byte[] layerWeights(int layer) {
        return weightArrays[layer];
    }

    /**
     * Offset of layer {@code layer}'s weights in {@link #layerWeights(int)}.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @return offset of layer {@code layer}'s weights in {@link #layerWeights(int)}
     */
    public int layerWeightsOffset(int layer) {
        return weightOffsets[layer];
    }

    /**
     * Layer {@code layer}'s current int32 bias of channel {@code c} (from the redirect or the model).
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @param c an output channel, 0 to the layer's output depth - 1
     * @return layer {@code layer}'s current int32 bias of channel {@code c} (from the redirect or the model)
     */
    public int layerBias(int layer, int c) {
        int[] b = biasArrays[layer];
        return b != null ? b[biasArrayOffsets[layer] + c] : model.bias(layer, c);
    }

    /**
     * Recomputes layer {@code layer}'s folded bias {@code bias + inputOffset · rowSum(weights)} from its current
     * weights and biases. Call after changing a redirected array in place. Costs one pass over the layer's
     * weights; allocates nothing.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     */
    public void refreshLayer(int layer) {
        requireFullyConnected(layer);
        int base = biasOffsets[layer];
        int channels = model.layerOutputSize(layer);
        for (int c = 0; c < channels; c++) {
            ints[base + c] = layerBias(layer, c);
        }
        model.fullyConnected[layer].foldInputOffset(weightArrays[layer], weightOffsets[layer],
                ints, base);
    }

    /**
     * Tells layer {@code layer} that the int32 bias of channel {@code channel} in its redirected bias array was
     * changed in place by {@code delta} (new minus old), with the weights unchanged: the folded bias moves by
     * exactly the same amount (folding is wrapping int32 arithmetic, a ring), so this costs O(1) instead of the
     * pass over the weights that {@link #refreshLayer} makes. Allocates nothing.
     *
     * @param layer a layer index, 0 to {@code layerCount() - 1} in execution order
     * @param channel the output channel whose bias moved
     * @param delta how much the int32 bias moved (new minus old)
     */
    public void biasChanged(int layer, int channel, int delta) {
        ints[biasOffsets[layer] + channel] += delta;
    }

    /** Points every reference back at the model's own weights, biases and input stage. */
    public void restoreModelParameters() {
        inputStage = model.inputStage();
        for (int l = 0; l < layers; l++) {
            biasArrays[l] = null;
            biasArrayOffsets[l] = 0;
            weightArrays[l] = model.blob();
            weightOffsets[l] = model.weightsOffset(l);
            if (model.isFullyConnected(l)) {
                refreshLayer(l);
            }
        }
    }

    private void requireFullyConnected(int layer) {
        if (!model.isFullyConnected(layer)) {
            throw new IllegalArgumentException("layer is not FULLY_CONNECTED");
        }
    }
}

package dev.downhill.trainer.nn;

import dev.downhill.trainer.data.Examples;

/**
 * The scratch arrays of one forward/backward pass for up to {@code capacity} rows: the gathered inputs, each
 * layer's pre-activation {@code z}, post-activation {@code a} and gradient {@code dLoss/dz}, one array per row,
 * and a transposed-weights scratch per layer.
 * Allocated once per training run so the inner loop allocates nothing. For a layer without activation
 * {@code a} is {@code z}.
 */
public final class BatchBuffers {
    private final int capacity;
    private final int inputWidth;
    private final float[][] input;
    private final float[][][] pre;
    private final float[][][] post;
    private final float[][][] delta;
    private final float[][][] transposed;

    public BatchBuffers(Mlp network, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.inputWidth = network.inputSize();
        this.input = new float[capacity][inputWidth];
        int layers = network.layerCount();
        pre = new float[layers][][];
        post = new float[layers][][];
        delta = new float[layers][][];
        transposed = new float[layers][][];
        for (int l = 0; l < layers; l++) {
            int n = network.layerOutputs(l);
            pre[l] = new float[capacity][n];
            post[l] = network.activation(l) == Activation.NONE ? pre[l] : new float[capacity][n];
            delta[l] = new float[capacity][n];
            transposed[l] = new float[n][network.layerInputs(l)];
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Copies the inputs of {@code rows} examples, {@code order[from ..]}, into {@link #input()}. */
    public void gather(Examples examples, int[] order, int from, int rows) {
        float[] src = examples.inputs();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, order[from + r] * inputWidth, input[r], 0, inputWidth);
        }
    }

    /** Copies {@code rows} consecutive examples starting at {@code first}. */
    public void gatherRange(Examples examples, int first, int rows) {
        float[] src = examples.inputs();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, (first + r) * inputWidth, input[r], 0, inputWidth);
        }
    }

    public float[][] input() {
        return input;
    }

    public float[][] preActivation(int layer) {
        return pre[layer];
    }

    public float[][] postActivation(int layer) {
        return post[layer];
    }

    /** dLoss/dz of {@code layer}. */
    public float[][] delta(int layer) {
        return delta[layer];
    }

    /** Scratch for layer {@code layer}'s weights transposed to {@code [output][input]} (backward pass). */
    public float[][] transposedWeights(int layer) {
        return transposed[layer];
    }

    /** The network output (post-activation of the last layer). */
    public float[][] output() {
        return post[post.length - 1];
    }

    /** Where the loss writes dLoss/d output before {@link Mlp#backward}. */
    public float[][] outputGradient() {
        return delta[delta.length - 1];
    }
}

package dev.downhill.trainer.nn;

import java.util.Arrays;

/**
 * A multi-layer perceptron: a chain of {@link Dense} layers, ReLU after each hidden layer, no activation on the
 * output (the loss applies softmax or nothing). Layer {@code l} has weights {@code w[i][j]} (input {@code i} to
 * output {@code j}, one array per input; see {@link Dense} for why) and biases {@code b[j]}.
 *
 * <p>{@link #parameterBlocks()} lists every parameter array in a fixed order (layer by layer: the weight rows,
 * then the bias), so optimisers, clipping and copying treat the network as one list of arrays. Gradients use
 * a second {@code Mlp} of the same shape ({@link #zerosLike()}), so their blocks line up one to one.
 *
 * <p>Not thread-safe. {@link #forward}/{@link #backward} use a caller-owned {@link BatchBuffers}.
 */
public final class Mlp {
    private final int[] sizes;
    private final Activation[] activations;
    private final float[][][] weights;
    private final float[][] biases;
    private final float[][] blocks;

    /**
     * @param sizes       layer widths, input first: {@code {64, 32, 16, 10}} is three layers
     * @param activations one per layer ({@code sizes.length - 1} entries)
     */
    public Mlp(int[] sizes, Activation[] activations) {
        if (sizes.length < 2 || activations.length != sizes.length - 1) {
            throw new IllegalArgumentException("need at least 2 sizes and one activation per layer");
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        this.activations = activations.clone();
        int layers = activations.length;
        weights = new float[layers][][];
        biases = new float[layers][];
        int blockCount = 0;
        for (int l = 0; l < layers; l++) {
            weights[l] = new float[sizes[l]][sizes[l + 1]];
            biases[l] = new float[sizes[l + 1]];
            blockCount += sizes[l] + 1;
        }
        blocks = new float[blockCount][];
        int k = 0;
        for (int l = 0; l < layers; l++) {
            for (float[] row : weights[l]) {
                blocks[k++] = row;
            }
            blocks[k++] = biases[l];
        }
    }

    /** An MLP with ReLU hidden layers and a linear output; parameters are zero until initialised. */
    public static Mlp of(int inputs, int[] hidden, int outputs) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        Activation[] acts = new Activation[hidden.length + 1];
        Arrays.fill(acts, Activation.RELU);
        acts[hidden.length] = Activation.NONE;
        return new Mlp(sizes, acts);
    }

    /** A network of the same shape with every parameter 0: the container for gradients. */
    public Mlp zerosLike() {
        return new Mlp(sizes, activations);
    }

    public int layerCount() {
        return activations.length;
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    /** Layer widths, input first (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    public int layerInputs(int layer) {
        return sizes[layer];
    }

    public int layerOutputs(int layer) {
        return sizes[layer + 1];
    }

    public Activation activation(int layer) {
        return activations[layer];
    }

    /** The live weight rows of {@code layer}: {@code [input][output]}. */
    public float[][] weights(int layer) {
        return weights[layer];
    }

    /** The live biases of {@code layer}. */
    public float[] biases(int layer) {
        return biases[layer];
    }

    /** Every parameter array, live, in a fixed order: per layer its weight rows, then its biases. */
    public float[][] parameterBlocks() {
        return blocks;
    }

    public int parameterCount() {
        int n = 0;
        for (float[] b : blocks) {
            n += b.length;
        }
        return n;
    }

    /** The weight from {@code input} to {@code output} of {@code layer}. */
    public float weight(int layer, int output, int input) {
        return weights[layer][input][output];
    }

    public void setWeight(int layer, int output, int input, float value) {
        weights[layer][input][output] = value;
    }

    public float bias(int layer, int output) {
        return biases[layer][output];
    }

    public void setBias(int layer, int output, float value) {
        biases[layer][output] = value;
    }

    /** Sets every parameter to {@code value} (0 to clear gradients). */
    public void fill(float value) {
        for (float[] b : blocks) {
            Arrays.fill(b, value);
        }
    }

    /** An independent network with the same shape and parameter values. */
    public Mlp copy() {
        Mlp m = zerosLike();
        m.copyParametersFrom(this);
        return m;
    }

    /** Overwrites this network's parameters with those of {@code other} (same shape). */
    public void copyParametersFrom(Mlp other) {
        if (!Arrays.equals(sizes, other.sizes)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(other.sizes) + " is not "
                    + Arrays.toString(sizes));
        }
        for (int k = 0; k < blocks.length; k++) {
            System.arraycopy(other.blocks[k], 0, blocks[k], 0, blocks[k].length);
        }
    }

    /** Runs the first {@code rows} rows of {@code buffers.input()} through the network. */
    public void forward(BatchBuffers buffers, int rows) {
        float[][] x = buffers.input();
        for (int l = 0; l < activations.length; l++) {
            float[][] z = buffers.preActivation(l);
            Dense.forward(x, weights[l], biases[l], z, rows);
            float[][] a = buffers.postActivation(l);
            if (activations[l] == Activation.RELU) {
                Relu.forward(z, a, rows);
            }
            x = a;
        }
    }

    /**
     * Back-propagates {@code buffers.outputGradient()} (dLoss/d output for the rows of the last
     * {@link #forward}) and adds the parameter gradients into {@code gradients} (from {@link #zerosLike()};
     * the caller clears it with {@code fill(0)}).
     */
    public void backward(BatchBuffers buffers, int rows, Mlp gradients) {
        for (int l = activations.length - 1; l >= 0; l--) {
            float[][] x = l == 0 ? buffers.input() : buffers.postActivation(l - 1);
            Dense.parameterGradients(x, buffers.delta(l), rows, gradients.weights[l], gradients.biases[l]);
            if (l > 0) {
                float[][] dx = buffers.delta(l - 1);
                Dense.inputGradient(buffers.delta(l), rows, weights[l], buffers.transposedWeights(l), dx);
                if (activations[l - 1] == Activation.RELU) {
                    Relu.backward(dx, buffers.preActivation(l - 1), rows);
                }
            }
        }
    }

    /** Runs one standardised input and returns every layer's pre- and post-activation values. */
    public LayerOutputs trace(float[] input) {
        if (input.length != sizes[0]) {
            throw new IllegalArgumentException("expected " + sizes[0] + " inputs, got " + input.length);
        }
        BatchBuffers b = new BatchBuffers(this, 1);
        System.arraycopy(input, 0, b.input()[0], 0, input.length);
        forward(b, 1);
        float[][] pre = new float[activations.length][];
        float[][] post = new float[activations.length][];
        for (int l = 0; l < activations.length; l++) {
            pre[l] = b.preActivation(l)[0].clone();
            post[l] = b.postActivation(l)[0].clone();
        }
        return new LayerOutputs(input.clone(), pre, post);
    }

    /** The network's output (logits or standardised prediction) for one standardised input. */
    public float[] predict(float[] input) {
        return trace(input).output();
    }
}

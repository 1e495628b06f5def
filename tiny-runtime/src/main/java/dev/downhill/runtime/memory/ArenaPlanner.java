package dev.downhill.runtime.memory;

import dev.downhill.runtime.Model;

/**
 * Plans the arena of a sequential model: every buffer is sized here, before anything is allocated.
 *
 * <p>A sequential MLP only ever needs two activation tensors alive at once (a layer's input and its output),
 * so the default plan is <b>ping-pong</b>: even tensors live in region A at offset 0, odd tensors in region B
 * right after it; each region is as large as its largest tensor. The <b>retaining</b> plan gives every tensor
 * its own region (total = sum of sizes); on-device adaptation needs it to read every layer's input and output
 * after an invoke.
 */
public final class ArenaPlanner {

    private ArenaPlanner() {
    }

    /**
     * Plans {@code model}: tensor 0 is its input, tensor {@code l+1} layer {@code l}'s output; every fully
     * connected layer gets one folded bias per output channel.
     *
     * @param retain true for one region per tensor (adaptation), false for ping-pong (inference only)
     */
    public static BufferPlan plan(Model model, boolean retain) {
        int layers = model.layerCount();
        int[] sizes = new int[layers + 1];
        int[] biases = new int[layers];
        sizes[0] = model.inputSize();
        for (int l = 0; l < layers; l++) {
            sizes[l + 1] = model.layerOutputSize(l);
            biases[l] = model.isFullyConnected(l) ? model.layerOutputSize(l) : 0;
        }
        return plan(sizes, biases, retain);
    }

    /**
     * @param tensorSizes      int8 tensor lengths: model input, then each layer's output (all >= 1)
     * @param layerBiasCounts  per layer, the number of int32 folded biases it needs (0 for none)
     * @param retain           true for one region per tensor, false for ping-pong
     */
    public static BufferPlan plan(int[] tensorSizes, int[] layerBiasCounts, boolean retain) {
        int n = tensorSizes.length;
        if (n < 2 || layerBiasCounts.length != n - 1) {
            throw new IllegalArgumentException("need layers + 1 tensor sizes and one bias count per layer");
        }
        int[] offsets = new int[n];
        int[] sizes = new int[n];
        long total = 0;
        if (retain) {
            for (int i = 0; i < n; i++) {
                offsets[i] = (int) total;
                total += checkedSize(tensorSizes[i]);
            }
        } else {
            int even = 0;
            int odd = 0;
            for (int i = 0; i < n; i++) {
                int s = checkedSize(tensorSizes[i]);
                if ((i & 1) == 0) {
                    even = Math.max(even, s);
                } else {
                    odd = Math.max(odd, s);
                }
            }
            for (int i = 0; i < n; i++) {
                offsets[i] = (i & 1) == 0 ? 0 : even;
            }
            total = (long) even + odd;
        }
        for (int i = 0; i < n; i++) {
            sizes[i] = tensorSizes[i];
        }
        int[] biasOffsets = new int[n - 1];
        long biasTotal = 0;
        for (int l = 0; l < n - 1; l++) {
            int c = layerBiasCounts[l];
            if (c < 0) {
                throw new IllegalArgumentException("negative bias count");
            }
            biasOffsets[l] = c == 0 ? -1 : (int) biasTotal;
            biasTotal += c;
        }
        if (total > Integer.MAX_VALUE || 4 * biasTotal > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arena larger than 2 GB");
        }
        return new BufferPlan(offsets, sizes, biasOffsets, (int) total, (int) biasTotal, retain);
    }

    private static int checkedSize(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("tensor sizes must be >= 1");
        }
        return s;
    }
}

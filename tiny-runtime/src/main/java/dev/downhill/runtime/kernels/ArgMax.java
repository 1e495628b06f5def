package dev.downhill.runtime.kernels;

/**
 * Index of the largest int8 value, and the top-k indices, over a region of a byte array. Ties go to the lower
 * index (as TFLM's ARG_MAX). Allocates nothing.
 */
public final class ArgMax {

    private ArgMax() {
    }

    /**
     * Index (relative to {@code offset}) of the first maximum of {@code values[offset .. offset+length)}.
     *
     * @param values holds the int8 values
     * @param offset index of the first value
     * @param length >= 1
     * @return the index (relative to {@code offset}) of the first maximum
     */
    public static int argMax(byte[] values, int offset, int length) {
        int best = 0;
        int bestValue = values[offset];
        for (int i = 1; i < length; i++) {
            int v = values[offset + i];
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return best;
    }

    /**
     * Writes the indices (relative to {@code offset}) of the {@code k} largest values into
     * {@code dst[dstOffset .. dstOffset+k)}, largest first, equal values in index order.
     *
     * @param values holds the int8 values
     * @param offset index of the first value
     * @param length number of values, at least 1
     * @param dst receives the k indices, relative to {@code offset}
     * @param dstOffset where the indices go in {@code dst}
     * @param k in [1, length]
     */
    public static void topK(byte[] values, int offset, int length, int[] dst, int dstOffset, int k) {
        if (k < 1 || k > length) {
            throw new IllegalArgumentException("k must be in [1, length]");
        }
        int filled = 0;
        for (int i = 0; i < length; i++) {
            int v = values[offset + i];
            // insertion into the sorted prefix; a later index never displaces an equal value
            int pos = filled;
            while (pos > 0 && values[offset + dst[dstOffset + pos - 1]] < v) {
                pos--;
            }
            if (pos >= k) {
                continue;
            }
            int last = filled < k ? filled : k - 1;
            for (int j = last; j > pos; j--) {
                dst[dstOffset + j] = dst[dstOffset + j - 1];
            }
            dst[dstOffset + pos] = i;
            if (filled < k) {
                filled++;
            }
        }
    }
}

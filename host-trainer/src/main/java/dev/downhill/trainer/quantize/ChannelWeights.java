package dev.downhill.trainer.quantize;

/**
 * Float weights {@code [out][in]} quantised to int8, symmetric (zero point 0) with one float32 scale
 * per output channel: {@code w[c][d] ≈ scales[c] · values[c·in + d]}.
 *
 * <p>Values are kept in {@code [−127, 127]} as the TFLite quantisation spec asks (the kernel would
 * accept −128, but the symmetric range keeps {@code −w} representable).
 *
 * @param outputs the number of output channels (rows)
 * @param inputs the input depth (columns)
 * @param values the int8 weights, row-major {@code [out][in]}
 * @param scales one float32 scale per output channel
 */
public record ChannelWeights(int outputs, int inputs, byte[] values, float[] scales) {

    private static final int Q_MAX = 127;

    public ChannelWeights {
        if (outputs <= 0 || inputs <= 0 || values.length != outputs * inputs
                || (scales.length != outputs && scales.length != 1)) {
            throw new IllegalArgumentException("inconsistent weight shape " + outputs + "x" + inputs);
        }
    }

    /**
     * Symmetric per-channel quantisation: {@code scale[c] = max|w[c]| / 127} (in float32), then
     * {@code q = clamp(round_away(w / scale[c]), −127, 127)}. A channel of all zeros gets scale 1 and
     * zero weights (any scale represents it exactly).
     *
     * @param weights {@code [out][in]}, every row the same length, all values finite
     */
    public static ChannelWeights quantize(double[][] weights) {
        return quantize(weights, WeightScales.PER_CHANNEL);
    }

    /**
     * Symmetric quantisation with one scale per channel ({@link #quantize(double[][])}) or, for
     * {@link WeightScales#PER_TENSOR}, one scale {@code max|w| / 127} over the whole matrix, stored once.
     *
     * @param weights {@code [out][in]}, every row the same length, all values finite
     * @param granularity one scale per output channel or one for the tensor
     */
    public static ChannelWeights quantize(double[][] weights, WeightScales granularity) {
        int outputs = weights.length;
        if (outputs == 0 || weights[0].length == 0) {
            throw new IllegalArgumentException("empty weight matrix");
        }
        int inputs = weights[0].length;
        byte[] values = new byte[outputs * inputs];
        double[] rowMax = new double[outputs];
        double tensorMax = 0;
        for (int c = 0; c < outputs; c++) {
            double[] row = weights[c];
            if (row.length != inputs) {
                throw new IllegalArgumentException("weight row " + c + " has " + row.length + " values, expected " + inputs);
            }
            for (double w : row) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("weight row " + c + " holds a non-finite value " + w);
                }
                rowMax[c] = Math.max(rowMax[c], Math.abs(w));
            }
            tensorMax = Math.max(tensorMax, rowMax[c]);
        }
        boolean perTensor = granularity == WeightScales.PER_TENSOR;
        float[] scales = new float[perTensor ? 1 : outputs];
        for (int s = 0; s < scales.length; s++) {
            float scale = (float) ((perTensor ? tensorMax : rowMax[s]) / Q_MAX);
            scales[s] = scale > 0 ? scale : 1f;
        }
        for (int c = 0; c < outputs; c++) {
            float scale = scales[perTensor ? 0 : c];
            for (int d = 0; d < inputs; d++) {
                long q = QuantizedMultiplier.roundHalfAway(weights[c][d] / scale);
                values[c * inputs + d] = (byte) Math.max(-Q_MAX, Math.min(Q_MAX, q));
            }
        }
        return new ChannelWeights(outputs, inputs, values, scales);
    }

    /** The int8 weight of channel {@code c}, input {@code d}. */
    public int at(int c, int d) {
        return values[c * inputs + d];
    }

    /** {@code scale(c) · q}: the float value the int8 weight stands for. */
    public double dequantized(int c, int d) {
        return (double) scale(c) * at(c, d);
    }

    /** The scale of channel {@code c}: its own, or the tensor's one scale. */
    public float scale(int c) {
        return scales[scales.length == 1 ? 0 : c];
    }

    /**
     * Whether TFLM will run this layer on its per-tensor path: it decides by counting scales, so one scale
     * (per-tensor weights, or a single output channel) means per-tensor (docs/int8-arithmetic.md §5).
     */
    public boolean isPerTensor() {
        return scales.length == 1;
    }

    /**
     * The requantisation multiplier of channel {@code c} for the given input and output scales, with
     * the formula of the path TFLM will take (float32 product for per-tensor, all double otherwise).
     */
    public QuantizedMultiplier multiplier(int c, float inputScale, float outputScale) {
        return isPerTensor()
                ? QuantizedMultiplier.perTensor(inputScale, scale(c), outputScale)
                : QuantizedMultiplier.perChannel(inputScale, scale(c), outputScale);
    }

    /**
     * Quantises a bias to int32 at its nominal scale {@code sIn · scale[c]} (zero point 0), computed
     * as the multiplier is, so the bias lines up with the int32 accumulator.
     *
     * @throws IllegalArgumentException if a bias does not fit in int32 (the layer's input scale is
     *     far too small for it), naming the channel
     */
    public int[] quantizeBias(double[] bias, float inputScale) {
        if (bias.length != outputs) {
            throw new IllegalArgumentException("bias has " + bias.length + " values, expected " + outputs);
        }
        int[] q = new int[outputs];
        for (int c = 0; c < outputs; c++) {
            double biasScale = isPerTensor() ? (double) (inputScale * scale(c)) : (double) inputScale * scale(c);
            double v = bias[c] / biasScale;
            if (!Double.isFinite(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bias of channel " + c + " (" + bias[c] + ") does not fit int32 at scale "
                        + biasScale);
            }
            q[c] = (int) QuantizedMultiplier.roundHalfAway(v);
        }
        return q;
    }
}

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
        if (outputs <= 0 || inputs <= 0 || values.length != outputs * inputs || scales.length != outputs) {
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
        int outputs = weights.length;
        if (outputs == 0 || weights[0].length == 0) {
            throw new IllegalArgumentException("empty weight matrix");
        }
        int inputs = weights[0].length;
        byte[] values = new byte[outputs * inputs];
        float[] scales = new float[outputs];
        for (int c = 0; c < outputs; c++) {
            double[] row = weights[c];
            if (row.length != inputs) {
                throw new IllegalArgumentException("weight row " + c + " has " + row.length + " values, expected " + inputs);
            }
            double maxAbs = 0;
            for (double w : row) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("weight row " + c + " holds a non-finite value " + w);
                }
                maxAbs = Math.max(maxAbs, Math.abs(w));
            }
            float scale = (float) (maxAbs / Q_MAX);
            scales[c] = scale > 0 ? scale : 1f;
            for (int d = 0; d < inputs; d++) {
                long q = QuantizedMultiplier.roundHalfAway(row[d] / scales[c]);
                values[c * inputs + d] = (byte) Math.max(-Q_MAX, Math.min(Q_MAX, q));
            }
        }
        return new ChannelWeights(outputs, inputs, values, scales);
    }

    /** The int8 weight of channel {@code c}, input {@code d}. */
    public int at(int c, int d) {
        return values[c * inputs + d];
    }

    /** {@code scales[c] · q}: the float value the int8 weight stands for. */
    public double dequantized(int c, int d) {
        return (double) scales[c] * at(c, d);
    }

    /**
     * Whether TFLM will run this layer on its per-tensor path: it decides by counting scales, so a
     * single output channel means one scale, hence per-tensor (docs/int8-arithmetic.md §5).
     */
    public boolean isPerTensor() {
        return outputs == 1;
    }

    /**
     * The requantisation multiplier of channel {@code c} for the given input and output scales, with
     * the formula of the path TFLM will take (float32 product for per-tensor, all double otherwise).
     */
    public QuantizedMultiplier multiplier(int c, float inputScale, float outputScale) {
        return isPerTensor()
                ? QuantizedMultiplier.perTensor(inputScale, scales[c], outputScale)
                : QuantizedMultiplier.perChannel(inputScale, scales[c], outputScale);
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
            double biasScale = isPerTensor() ? (double) (inputScale * scales[c]) : (double) inputScale * scales[c];
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

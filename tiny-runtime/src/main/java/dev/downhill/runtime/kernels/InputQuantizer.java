package dev.downhill.runtime.kernels;

/**
 * Raw integer sensor values (an int16 ADC reading, a 0..16 pixel, …) to the int8 input tensor, with feature
 * standardisation and input quantisation folded into one fixed-point affine map per feature; the formula is in
 * {@link InputQuantizerParams}, whose {@link InputQuantizerParams#quantize} is the kernel the interpreter calls
 * (so a device does not hold this class). Here: the raw range and the kernel as static functions, for hosts and
 * tests. Allocates nothing.
 */
public final class InputQuantizer {

    /** Lowest raw value; smaller readings saturate to it. */
    public static final int RAW_MIN = -32768;
    /** Highest raw value; larger readings saturate to it. */
    public static final int RAW_MAX = 32767;

    private InputQuantizer() {
    }

    /**
     * Quantises {@code p.features()} raw values starting at {@code raw[rawOffset]} into {@code output}.
     *
     * @param p the operator's load-time parameters
     * @param raw holds the raw sensor integers, one per feature
     * @param rawOffset where they start in {@code raw}
     * @param output receives the int8 input tensor
     * @param outputOffset where it starts in {@code output}
     */
    public static void quantize(InputQuantizerParams p, int[] raw, int rawOffset, byte[] output, int outputOffset) {
        p.quantize(raw, rawOffset, output, outputOffset);
    }

    /**
     * The int8 value (as an int) of feature {@code f} for one raw reading.
     *
     * @param p the operator's load-time parameters
     * @param f a feature index, 0 to {@code p.features() - 1}
     * @param raw the raw sensor integer
     * @return the int8 value (as an int) of feature {@code f} for one raw reading
     */
    public static int quantizeOne(InputQuantizerParams p, int f, int raw) {
        return p.quantizeOne(f, raw);
    }
}

package dev.downhill.trainer.quantize;

/**
 * How a model's layers requantise their int32 sums, the one arithmetic choice TFLite leaves to the build.
 * Both multiply by the same {@code M · 2^(shift-31)}; they differ by one where a result sits on a tie.
 */
public enum Rounding {

    /**
     * TFLite Micro's default and its reference kernels: SRDHM, then a rounding divide by a power of two (two
     * roundings). The golden vectors of TFLM's kernel tests are computed this way.
     */
    DOUBLE,

    /**
     * {@code TFLITE_SINGLE_ROUNDING}: {@code (acc · M + 2^(30-shift)) >> (31-shift)}, one rounding. TFLM computes
     * this when built with the flag, and TensorFlow Lite 2.6.2's interpreter on x86 does (measured:
     * conformance-tests' TfliteInterpreterTest).
     */
    SINGLE
}

package dev.downhill.trainer.quantize;

/**
 * The activations TFLite fuses into FULLY_CONNECTED, as far as int8 quantisation sees them: each
 * becomes nothing but a clamp of the requantised output (docs/int8-arithmetic.md §6).
 */
public enum FusedActivation {
    /** No clamp beyond the int8 range. */
    NONE,
    /** {@code max(0, x)}. */
    RELU,
    /** {@code min(max(0, x), 6)}. */
    RELU6,
    /** {@code min(max(-1, x), 1)}. */
    RELU_N1_TO_1
}

package dev.downhill.runtime.kernels;

/**
 * Fused activation codes (the values TFLite uses in its {@code ActivationFunctionType}) and the int8 range.
 *
 * <p>The runtime never interprets the code at invoke time: the host turns it into an int8 clamp range
 * {@code [activationMin, activationMax]} using the output scale (docs/int8-arithmetic.md §6), and the kernel only
 * clamps. The code is kept in the model so tools can show and re-export it.
 */
public final class Activation {

    /** No activation: clamp to the int8 range only. */
    public static final int NONE = 0;
    /** max(0, x). */
    public static final int RELU = 1;
    /** clamp(x, -1, 1). */
    public static final int RELU_N1_TO_1 = 2;
    /** clamp(x, 0, 6). */
    public static final int RELU6 = 3;

    /** Smallest int8 value. */
    public static final int INT8_MIN = -128;
    /** Largest int8 value. */
    public static final int INT8_MAX = 127;

    private Activation() {
    }

    /**
     * A short name for messages and tools ("NONE", "RELU", "RELU_N1_TO_1", "RELU6", or "UNKNOWN").
     *
     * @param code an activation code
     * @return a short name for messages and tools ("NONE", "RELU", "RELU_N1_TO_1", "RELU6", or "UNKNOWN")
     */
    public static String name(int code) {
        switch (code) {
            case NONE:
                return "NONE";
            case RELU:
                return "RELU";
            case RELU_N1_TO_1:
                return "RELU_N1_TO_1";
            case RELU6:
                return "RELU6";
            default:
                return "UNKNOWN";
        }
    }
}

package dev.downhill.runtime;

/**
 * Exact memory of a loaded model and its interpreter, in bytes.
 *
 * <p><b>What is counted.</b> RAM is the payload of every primitive array the runtime allocates at load,
 * element size × length:
 * <ul>
 *   <li>{@link #activationBytes()}: the arena's int8 activation array (ping-pong or retaining plan);</li>
 *   <li>{@link #foldedBiasBytes()}: the arena's int32 folded-bias array, 4 bytes per fully connected output
 *       channel;</li>
 *   <li>{@link #scratchBytes()}: the softmax scratch in the same int32 array, 4 bytes per element of the longest
 *       softmax row (each exponential is computed once and kept there);</li>
 *   <li>{@link #parameterBytes()}: the model's load-time arrays (a 2-int layer table entry per layer, a
 *       multiplier and a shift per quantisation channel, the input stage's offsets, multipliers and shifts) and
 *       the interpreter's offset tables (4 ints per layer plus 1).</li>
 * </ul>
 * Not counted, because they depend on the JVM and not on the model: object headers, array headers, object
 * fields and references, and class metadata. Flash is the model blob's length (weights and biases are read in
 * place from it); the runtime's code is not included.
 *
 * <p>The report asks the interpreter's plan for its figures, never the other way round: running a model does not
 * need this class, so a device that never reports its memory does not hold it (conformance-tests'
 * RuntimeJarSizeTest counts only what inference reaches).
 */
public final class MemoryReport {

    private final int flashBytes;
    private final int activationBytes;
    private final int foldedBiasBytes;
    private final int scratchBytes;
    private final int parameterBytes;

    /**
     * What {@code new Interpreter(model, options)} allocates, plus the model's own load-time arrays, without
     * building the interpreter.
     *
     * @param model a model returned by {@link Model#load}
     * @param options 0 or {@link Interpreter#RETAIN_ACTIVATIONS}
     * @return the memory that interpreter and its model would hold, in bytes
     * @throws IllegalArgumentException on an unknown option
     */
    public static MemoryReport required(Model model, int options) {
        // the interpreter's own int[]s: tensorOffsets (layers + 1), biasOffsets, weightOffsets, biasArrayOffsets
        return new MemoryReport(model.flashBytes(), Interpreter.planTensors(model, Interpreter.retains(options), null),
                4 * Interpreter.planBiases(model, null), 4 * Interpreter.softmaxScratch(model),
                model.ramBytes() + 4 * (4 * model.layerCount() + 1));
    }

    /**
     * The memory {@code interpreter} and its model hold.
     *
     * @param interpreter a constructed interpreter
     * @return the memory it and its model hold, in bytes
     */
    public static MemoryReport of(Interpreter interpreter) {
        return required(interpreter.model(), interpreter.retainsActivations() ? Interpreter.RETAIN_ACTIVATIONS : 0);
    }

    private MemoryReport(int flashBytes, int activationBytes, int foldedBiasBytes, int scratchBytes, int parameterBytes) {
        this.flashBytes = flashBytes;
        this.activationBytes = activationBytes;
        this.foldedBiasBytes = foldedBiasBytes;
        this.scratchBytes = scratchBytes;
        this.parameterBytes = parameterBytes;
    }

    /** {@return bytes of the model blob} */
    public int flashBytes() {
        return flashBytes;
    }

    /** {@return bytes of the int8 activation array} */
    public int activationBytes() {
        return activationBytes;
    }

    /** {@return bytes of the int32 folded-bias array} */
    public int foldedBiasBytes() {
        return foldedBiasBytes;
    }

    /** {@return bytes of the softmax scratch (in the int32 array, after the folded biases)} */
    public int scratchBytes() {
        return scratchBytes;
    }

    /** {@return bytes of the model's and interpreter's load-time parameter arrays} */
    public int parameterBytes() {
        return parameterBytes;
    }

    /** {@return total RAM: activations + folded biases + scratch + parameters} */
    public int ramBytes() {
        return activationBytes + foldedBiasBytes + scratchBytes + parameterBytes;
    }

    @Override
    public String toString() {
        return new StringBuilder("RAM ").append(ramBytes()).append(" B (activations ").append(activationBytes)
                .append(", folded biases ").append(foldedBiasBytes).append(", scratch ").append(scratchBytes).append(", parameters ").append(parameterBytes)
                .append("), flash ").append(flashBytes).append(" B").toString();
    }
}

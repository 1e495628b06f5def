package dev.downhill.demo;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.MemoryReport;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.Guards;
import dev.downhill.runtime.adapt.TrainableSet;
import dev.downhill.runtime.store.DualSlotStore;
import dev.downhill.runtime.store.ParameterStore;
import java.io.IOException;

/**
 * One boot of the board: a frozen interpreter and an adapting copy of the same model side by side, the
 * adapter with its guards, and the adapted state kept in a parameter store. A power cycle is a new
 * {@code Board} over the same store: {@link #boot()} finds the saved state and continues from it.
 *
 * <p>Ownership: borrows the model, the store and the log; owns two interpreters, the adapter, two
 * rolling accuracies and the dual-slot view of the store, all allocated in the constructor.
 * {@link #process} and {@link #status} allocate nothing.
 *
 * <p>What adapts: the input recalibration (a gain and a shift per input) and every bias, the recipe for
 * a sensor whose gain and offset drift. Guards: a step that raises the loss on recent labelled samples is
 * rolled back; a label that contradicts a very confident prediction is skipped; if predictions stop
 * agreeing with labels altogether the adapter returns to the factory parameters.
 */
public final class Board {

    /** {@link #process} result bit: the frozen model was right. */
    public static final int FROZEN_HIT = 1;
    /** {@link #process} result bit: the adaptive model was right. */
    public static final int ADAPTIVE_HIT = 2;
    /** {@link #process} result bit: the sample was labelled. */
    public static final int LABELLED = 4;
    /** {@link #process} result bit: an adaptation step was applied and kept. */
    public static final int STEP_KEPT = 8;
    /** {@link #process} result bit: an adaptation step was rolled back by the loss check. */
    public static final int STEP_ROLLED_BACK = 16;
    /** {@link #process} result bit: the label contradicted a very confident prediction and was not used. */
    public static final int LABEL_SKIPPED = 32;
    /** {@link #process} result bit: the agreement monitor returned the adapter to the factory parameters. */
    public static final int MONITOR_RESET = 64;

    /** What the board adapts: {@link TrainableSet} flags (input recalibration and every bias). */
    public static final int TRAINABLE = TrainableSet.INPUT_AFFINE | TrainableSet.BIASES;
    /**
     * The board's {@link Guards}: loss check with rollback, contradiction skip (lifted while the inputs have clearly
     * moved, guard d), agreement monitor.
     */
    public static final int GUARDS = Guards.LOSS_CHECK | Guards.SKIP_CONFIDENT_CONTRADICTION
            | Guards.INPUT_SHIFT_LIFTS_SKIP | Guards.AGREEMENT_MONITOR;

    /** Earlier samples the loss check re-runs before it keeps a step (the ring of guard a). */
    public static final int RING = 8;

    /** Bytes of the board's parameter store region (a flash sector's worth). */
    public static final int STORE_BYTES = 4096;

    private final Model model;
    private final SerialLog log;
    private final Interpreter frozen;
    private final Interpreter adaptive;
    private final Adapter adapter;
    private final DualSlotStore slots;
    private final RollingAccuracy frozenAccuracy;
    private final RollingAccuracy adaptiveAccuracy;
    private final int ramBytes;

    private int stepsKept;
    private int rolledBack;
    private int skipped;
    private int monitorResets;
    private long inferNanos;
    private int inferCount;
    private long stepNanos;
    private int stepCount;
    private long inferNanosTotal;
    private int inferCountTotal;
    private long stepNanosTotal;
    private int stepCountTotal;

    /**
     * @param model the model (its blob is the factory state and is never written)
     * @param store the persistent memory, large enough for two slots of the adapted state ({@link #STORE_BYTES} is)
     * @param window rolling accuracy window in samples
     * @param log the serial console
     */
    public Board(Model model, ParameterStore store, int window, SerialLog log) {
        this.model = model;
        this.log = log;
        this.frozen = new Interpreter(model);
        this.adaptive = new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS);
        AdapterConfig config = adapterConfig();
        this.adapter = new Adapter(adaptive, config);
        long needed = DualSlotStore.requiredBytes(adapter.payloadBytes(), 1);
        if (needed > store.size()) {
            throw new IllegalArgumentException("the parameter store holds " + store.size() + " bytes; the adapted state needs "
                    + needed);
        }
        this.slots = adapter.slotsOver(store, 1);
        this.frozenAccuracy = new RollingAccuracy(window);
        this.adaptiveAccuracy = new RollingAccuracy(window);
        // The model's own load-time arrays are shared by both interpreters: count them once.
        this.ramBytes = MemoryReport.of(frozen).ramBytes() + MemoryReport.of(adaptive).ramBytes() - model.ramBytes()
                + adapter.memoryBytes();
    }

    /** The adaptation recipe of the board (see the class comment). */
    public static AdapterConfig adapterConfig() {
        return new AdapterConfig().trainable(TRAINABLE).guards(GUARDS).ringSize(RING);
    }

    /**
     * Starts the board: restores the newest saved state if there is one, and logs what it found and the
     * memory it uses.
     *
     * @return whether a saved state was restored
     */
    public boolean boot() throws IOException {
        boolean restored = adapter.restore(slots);
        log.text("boot: model ").number(model.blob().length).text(" B flash, RAM ").number(ramBytes)
                .text(" B (interpreters + adapter); ");
        if (restored) {
            log.text("restored adapted state #").number(slots.sequence()).text(" (").number(adapter.stepsTaken())
                    .text(" steps)");
        } else {
            log.text("no saved state: factory parameters");
        }
        log.endLine();
        return restored;
    }

    /**
     * Runs both models on one sample and, when it is labelled, takes one guarded adaptation step and saves
     * the result. Allocates nothing.
     *
     * @param raw {@code model.inputSize()} raw sensor values
     * @param label the true class, in {@code [0, model.outputSize())}
     * @param labelled whether the user labelled this sample (only then does the board use the label to adapt)
     * @return result bits: {@link #FROZEN_HIT}, {@link #ADAPTIVE_HIT}, {@link #LABELLED}, {@link #STEP_KEPT},
     *     {@link #STEP_ROLLED_BACK}, {@link #LABEL_SKIPPED}, {@link #MONITOR_RESET}
     */
    public int process(int[] raw, int label, boolean labelled) throws IOException {
        long t0 = System.nanoTime();
        frozen.invoke(raw, 0);
        long t1 = System.nanoTime();
        int frozenClass = frozen.argMax();
        adaptive.invoke(raw, 0);
        int adaptiveClass = adaptive.argMax();
        inferNanos += t1 - t0;
        inferCount++;
        inferNanosTotal += t1 - t0;
        inferCountTotal++;
        int flags = 0;
        if (frozenClass == label) {
            flags |= FROZEN_HIT;
        }
        if (adaptiveClass == label) {
            flags |= ADAPTIVE_HIT;
        }
        frozenAccuracy.record(frozenClass == label);
        adaptiveAccuracy.record(adaptiveClass == label);
        if (labelled) {
            flags |= LABELLED;
            long s0 = System.nanoTime();
            int outcome = adapter.step(raw, 0, label);
            long took = System.nanoTime() - s0;
            stepNanos += took;
            stepCount++;
            stepNanosTotal += took;
            stepCountTotal++;
            if (outcome == Adapter.APPLIED) {
                stepsKept++;
                flags |= STEP_KEPT;
                adapter.save(slots);
            } else if (outcome == Adapter.ROLLED_BACK) {
                rolledBack++;
                flags |= STEP_ROLLED_BACK;
            } else if (outcome == Adapter.SKIPPED_CONTRADICTION) {
                skipped++;
                flags |= LABEL_SKIPPED;
            } else if (outcome == Adapter.RESET_BY_MONITOR) {
                monitorResets++;
                flags |= MONITOR_RESET;
                adapter.save(slots);
            }
        }
        return flags;
    }

    /** Prints one status line for sample count {@code sample} and starts a new timing interval. */
    public void status(int sample) throws IOException {
        log.text("[").number(sample, 6).text("] frozen ").percent(frozenAccuracy.permille(), 6)
                .text("  adaptive ").percent(adaptiveAccuracy.permille(), 6)
                .text("  steps ").number(stepsKept, 4).text("  rolled back ").number(rolledBack, 3)
                .text("  RAM ").number(ramBytes).text(" B")
                .text("  infer ").decimal(tenthsOfMicros(inferNanos, inferCount), 1, 7).text(" us")
                .text("  step ").decimal(tenthsOfMicros(stepNanos, stepCount), 1, 7).text(" us")
                .endLine();
        inferNanos = 0;
        inferCount = 0;
        stepNanos = 0;
        stepCount = 0;
    }

    /** Prints the totals of this boot. */
    public void summary(int samples, int boots) throws IOException {
        log.text("done: ").number(samples).text(" samples, boots: ").number(boots).text("; this boot: ")
                .number(stepsKept).text(" steps kept, ").number(rolledBack).text(" rolled back, ")
                .number(skipped).text(" labels skipped as contradictions, ").number(monitorResets)
                .text(" resets; adapter total ").number(adapter.stepsTaken()).text(" steps").endLine();
    }

    /** Nanoseconds spent in frozen-model inferences since this boot. */
    public long inferenceNanos() {
        return inferNanosTotal;
    }

    /** Frozen-model inferences timed since this boot. */
    public int inferences() {
        return inferCountTotal;
    }

    /** Nanoseconds spent in adaptation steps (including guards and rollbacks) since this boot. */
    public long stepNanos() {
        return stepNanosTotal;
    }

    /** Adaptation steps timed since this boot (every labelled sample). */
    public int stepsTimed() {
        return stepCountTotal;
    }

    /** Steps applied and kept since this boot. */
    public int stepsKept() {
        return stepsKept;
    }

    /** Steps rolled back by the loss check since this boot. */
    public int rolledBack() {
        return rolledBack;
    }

    /** Labels skipped because they contradicted a very confident prediction, since this boot. */
    public int skipped() {
        return skipped;
    }

    /** Returns to factory parameters by the agreement monitor, since this boot. */
    public int monitorResets() {
        return monitorResets;
    }

    /** Adaptation steps in the adapter's state (kept steps), including those restored at boot. */
    public int totalSteps() {
        return adapter.stepsTaken();
    }

    /** RAM the board's runtime objects hold, in bytes (payload of their arrays; see MemoryReport). */
    public int ramBytes() {
        return ramBytes;
    }

    /** The adaptive interpreter (for inspection by the host). */
    public Interpreter adaptive() {
        return adaptive;
    }

    private static long tenthsOfMicros(long nanos, int count) {
        return count == 0 ? 0 : nanos / count / 100;
    }
}

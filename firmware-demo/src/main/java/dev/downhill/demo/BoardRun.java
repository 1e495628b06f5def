package dev.downhill.demo;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.store.ParameterStore;
import java.io.IOException;

/**
 * The demo scenario around a {@link Board}: numbers the samples across passes, lets the sensor drift from
 * {@code --drift-at}, presses the "that was a 3" button every {@code --label-every} samples, power-cycles
 * the board at {@code --reboot-at} (a new {@link Board} over the same parameter store), and prints a status
 * line every {@code --log-every} samples. {@code downhill demo} drives the same object sample by sample.
 *
 * <p>Ownership: borrows the model, the store, the drift and the log. Allocates a board at {@link #start()}
 * and again at the reboot (that is the point of a reboot); {@link #step} allocates nothing else.
 */
public final class BoardRun {

    /** {@link #step} result bit: the frozen model was right. */
    public static final int FROZEN_HIT = Board.FROZEN_HIT;
    /** {@link #step} result bit: the adaptive model was right. */
    public static final int ADAPTIVE_HIT = Board.ADAPTIVE_HIT;
    /** {@link #step} result bit: the sample carried a label (the button was pressed). */
    public static final int LABELLED = Board.LABELLED;
    /** {@link #step} result bit: an adaptation step was taken and kept. */
    public static final int STEP_KEPT = Board.STEP_KEPT;
    /** {@link #step} result bit: an adaptation step was taken and rolled back by the guard. */
    public static final int STEP_ROLLED_BACK = Board.STEP_ROLLED_BACK;
    /** {@link #step} result bit: the label contradicted a very confident prediction and was not used. */
    public static final int LABEL_SKIPPED = Board.LABEL_SKIPPED;
    /** {@link #step} result bit: the agreement monitor returned the adapter to the factory parameters. */
    public static final int MONITOR_RESET = Board.MONITOR_RESET;
    /** {@link #step} result bit: the board was power-cycled just before this sample. */
    public static final int REBOOTED = 128;

    private final Model model;
    private final ParameterStore store;
    private final SensorDrift drift;
    private final BoardOptions options;
    private final SerialLog log;
    private Board board;
    private int sample;
    private int boots;
    private int restoredSteps;
    private long inferenceNanos;
    private long inferences;
    private long stepNanos;
    private long stepsTimed;

    /**
     * @param model the model the board runs (from {@code DemoModel.load()} on the board)
     * @param store the board's persistent memory, usually {@link Board#STORE_BYTES} bytes
     * @param drift what happens to the sensor from {@code options.driftAt()} on
     * @param options label rate, drift onset, reboot point, log interval, rolling window
     * @param log the serial console
     */
    public BoardRun(Model model, ParameterStore store, SensorDrift drift, BoardOptions options, SerialLog log) {
        this.model = model;
        this.store = store;
        this.drift = drift;
        this.options = options;
        this.log = log;
    }

    /** Boots the board for the first time (restoring saved state if the store holds any). */
    public void start() throws IOException {
        log.text("downhill firmware-demo: ").text(SensorDrift.name(drift.kind())).text(" drift at sample ")
                .number(options.driftAt()).text(", a label every ").number(options.labelEvery()).text(" samples")
                .endLine();
        boot();
    }

    /** Plays every sample of {@code reader} through {@link #step}. */
    public void play(SampleReader reader) throws IOException {
        int[] raw = new int[model.inputSize()];
        while (reader.next(raw)) {
            int label = reader.label();
            if (label >= model.outputSize()) {
                throw new SampleFormatException(reader.source(), reader.line(), 1,
                        "label " + label + " is not a class of the model (0.." + (model.outputSize() - 1) + ")");
            }
            step(raw, label);
        }
    }

    /**
     * One sample: reboot if it is time, apply the drift to {@code raw} in place if it is time, run both
     * models, adapt if the sample is labelled, log if it is time.
     *
     * @param raw the raw sensor values; drifted in place from the drift onset on
     * @param label the true class (the board only uses it on labelled samples and for the log's accuracy)
     * @return the result bits ({@link #FROZEN_HIT}, {@link #ADAPTIVE_HIT}, {@link #LABELLED}, ...)
     */
    public int step(int[] raw, int label) throws IOException {
        if (board == null) {
            throw new IllegalStateException("call start() first");
        }
        int flags = 0;
        if (options.rebootAt() > 0 && sample == options.rebootAt()) {
            log.text("[").number(sample, 6).text("] *** power cycle: RAM is lost, booting again ***").endLine();
            boot();
            flags |= REBOOTED;
        }
        if (sample == options.driftAt() && drift.kind() != SensorDrift.NONE) {
            log.text("[").number(sample, 6).text("] *** the sensor drifts: ").text(SensorDrift.name(drift.kind()))
                    .text(" ***").endLine();
        }
        if (sample >= options.driftAt()) {
            drift.apply(raw, model.inputSize());
        }
        boolean labelled = (sample + 1) % options.labelEvery() == 0;
        flags |= board.process(raw, label, labelled);
        sample++;
        if (sample % options.logEvery() == 0) {
            board.status(sample);
        }
        return flags;
    }

    /** Prints the final status line and the totals. */
    public void finish() throws IOException {
        if (sample % options.logEvery() != 0) {
            board.status(sample);
        }
        board.summary(sample, boots);
    }

    /** The board currently running (a new one after each reboot). */
    public Board board() {
        return board;
    }

    /** Samples processed so far, across passes and reboots. */
    public int samples() {
        return sample;
    }

    /** Adaptation steps the board found in its store at its last boot (0 when it found none). */
    public int restoredSteps() {
        return restoredSteps;
    }

    /** Mean time of one frozen-model inference over every boot, in nanoseconds; 0 before the first. */
    public long meanInferenceNanos() {
        long n = inferences + (board == null ? 0 : board.inferences());
        return n == 0 ? 0 : (inferenceNanos + (board == null ? 0 : board.inferenceNanos())) / n;
    }

    /** Mean time of one adaptation step over every boot, in nanoseconds; 0 before the first. */
    public long meanStepNanos() {
        long n = stepsTimed + (board == null ? 0 : board.stepsTimed());
        return n == 0 ? 0 : (stepNanos + (board == null ? 0 : board.stepNanos())) / n;
    }

    private void boot() throws IOException {
        if (board != null) {
            inferenceNanos += board.inferenceNanos();
            inferences += board.inferences();
            stepNanos += board.stepNanos();
            stepsTimed += board.stepsTimed();
        }
        board = new Board(model, store, options.window(), log);
        boots++;
        restoredSteps = board.boot() ? board.totalSteps() : 0;
    }
}

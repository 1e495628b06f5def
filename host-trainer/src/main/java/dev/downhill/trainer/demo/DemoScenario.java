package dev.downhill.trainer.demo;

import dev.downhill.demo.Board;
import dev.downhill.demo.BoardOptions;
import dev.downhill.demo.BoardRun;
import dev.downhill.demo.DigitsRecording;
import dev.downhill.demo.SampleReader;
import dev.downhill.demo.SensorDrift;
import dev.downhill.demo.SerialLog;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.store.ByteArrayParameterStore;
import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.adapt.AdaptationRecipe;
import dev.downhill.trainer.adapt.FloatAdaptationReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The board scenario of {@code downhill demo}, run on the host with the board's own code: a
 * {@link BoardRun} (frozen and adaptive int8 models, guarded fixed-point steps, parameter store, simulated
 * reboot, serial log) plays the bundled recording of unseen digits, and a {@link FloatAdaptationReference}
 * takes the same steps on the same labelled samples in double precision beside it.
 */
public final class DemoScenario {

    /** The recording the board plays: firmware-demo's built-in test split. */
    static final String RECORDING = "digits-stream.csv";
    private static final int IMAGE_WIDTH = 8;

    private DemoScenario() {
    }

    /**
     * What happened.
     *
     * @param trace per-sample outcomes of frozen, adaptive and float reference
     * @param stepsKept adaptation steps kept, over every boot
     * @param stepsRolledBack steps rolled back by the loss check, over every boot
     * @param labelsSkipped labels skipped as contradictions, over every boot
     * @param monitorResets returns to the factory parameters, over every boot
     * @param restoredSteps adaptation steps the board restored at its last boot
     * @param ramBytes RAM of the board's runtime objects
     * @param microsPerInference mean frozen-model inference time on this host
     * @param microsPerStep mean adaptation step time on this host
     */
    public record Result(ScenarioTrace trace, int stepsKept, int stepsRolledBack, int labelsSkipped,
            int monitorResets, int restoredSteps, int ramBytes, double microsPerInference, double microsPerStep) {
    }

    /** The recipe of the float reference: the board's adaptation ({@link Board#adapterConfig()}) in double. */
    public static AdaptationRecipe boardRecipe() {
        return AdaptationRecipe.defaults().withTrainable(Board.TRAINABLE).withGuards(Board.GUARDS);
    }

    /**
     * Plays the scenario.
     *
     * @param dhm the int8 model
     * @param options the board's settings (drift, label rate, reboot, passes, window)
     * @param console where the board's serial log goes
     */
    public static Result run(byte[] dhm, BoardOptions options, OutputStream console) {
        Model model = Model.load(dhm);
        if (model.inputSize() != 64 || !model.hasInputStage()) {
            throw new DownhillException("the demo board needs a model of 64 raw pixel inputs with an input stage; this "
                    + "one has " + model.inputSize() + " inputs" + (model.hasInputStage() ? "" : " and no input stage"));
        }
        SensorDrift drift = new SensorDrift(options.drift(), options.gainPermille(), options.offset(), IMAGE_WIDTH);
        SerialLog log = new SerialLog(console, 200);
        BoardRun run = new BoardRun(model, new ByteArrayParameterStore(new byte[Board.STORE_BYTES]), drift, options, log);
        FloatAdaptationReference reference = new FloatAdaptationReference(model, boardRecipe());
        ScenarioTrace trace = new ScenarioTrace(options.driftAt(), options.rebootAt());
        int kept = 0;
        int rolledBack = 0;
        int skipped = 0;
        int resets = 0;
        int[] raw = new int[model.inputSize()];
        try {
            run.start();
            for (int pass = 0; pass < options.passes(); pass++) {
                try (InputStream in = DigitsRecording.open()) {
                    SampleReader reader = new SampleReader(in, RECORDING, model.inputSize());
                    while (reader.next(raw)) {
                        int label = reader.label();
                        int flags = run.step(raw, label);  // drifts raw in place once the drift has begun
                        boolean floatHit = reference.classify(raw) == label;
                        if ((flags & BoardRun.LABELLED) != 0) {
                            reference.step(raw, label);
                        }
                        trace.record((flags & BoardRun.FROZEN_HIT) != 0, (flags & BoardRun.ADAPTIVE_HIT) != 0, floatHit);
                        kept += (flags & BoardRun.STEP_KEPT) != 0 ? 1 : 0;
                        rolledBack += (flags & BoardRun.STEP_ROLLED_BACK) != 0 ? 1 : 0;
                        skipped += (flags & BoardRun.LABEL_SKIPPED) != 0 ? 1 : 0;
                        resets += (flags & BoardRun.MONITOR_RESET) != 0 ? 1 : 0;
                    }
                }
            }
            run.finish();
        } catch (IOException e) {
            throw new DownhillException("board scenario: " + e.getMessage(), e);
        }
        return new Result(trace, kept, rolledBack, skipped, resets, run.restoredSteps(), run.board().ramBytes(),
                run.meanInferenceNanos() / 1000.0, run.meanStepNanos() / 1000.0);
    }
}

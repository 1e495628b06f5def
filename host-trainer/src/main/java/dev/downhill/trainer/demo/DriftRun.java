package dev.downhill.trainer.demo;

import dev.downhill.demo.BoardOptions;
import dev.downhill.demo.SensorDrift;
import java.io.OutputStream;
import java.util.Locale;

/**
 * One board scenario of {@code downhill demo} under one kind of sensor drift: the settings it ran with and
 * what happened. The demo plays several of these with the same int8 model, so a class sees side by side
 * what adaptation can and cannot do.
 *
 * @param options the board's settings (drift kind and parameters, label rate, reboot, passes, window)
 * @param result what the scenario recorded
 */
public record DriftRun(BoardOptions options, DemoScenario.Result result) {

    /** Plays {@code options} on {@code dhm} with the board's code, the serial log going to {@code console}. */
    public static DriftRun play(byte[] dhm, BoardOptions options, OutputStream console) {
        return new DriftRun(options, DemoScenario.run(dhm, options, console));
    }

    /** The drift's short name: "gain-offset", "dead-inputs", "pixel-shift" or "none". */
    public String name() {
        return SensorDrift.name(options.drift());
    }

    /** The drift's name with its parameters, e.g. "gain-offset: gain 0.8, offset +1". */
    public String description() {
        if (options.drift() == SensorDrift.GAIN_OFFSET) {
            return String.format(Locale.ROOT, "gain-offset: gain %s, offset %+d", permille(options.gainPermille()),
                    options.offset());
        }
        return name();
    }

    /** The per-sample outcomes. */
    public ScenarioTrace trace() {
        return result.trace();
    }

    /** Accuracy of {@code model} on the clean samples before the drift. */
    public double beforeDrift(int model) {
        return trace().accuracy(model, 0, trace().driftAt());
    }

    /** Accuracy of {@code model} on every drifted sample. */
    public double afterDrift(int model) {
        return trace().accuracy(model, trace().driftAt(), trace().size());
    }

    /**
     * Accuracy of {@code model} on the last quarter of the drifted samples, once adaptation had time to
     * act: the number that says whether adaptation helped.
     */
    public double settled(int model) {
        int drifted = trace().size() - trace().driftAt();
        return trace().accuracy(model, trace().size() - Math.max(1, drifted / 4), trace().size());
    }

    /** Samples in the last quarter of the drifted stream ({@link #settled}). */
    public int settledSamples() {
        return Math.max(1, (trace().size() - trace().driftAt()) / 4);
    }

    private static String permille(int value) {
        String s = String.format(Locale.ROOT, "%.3f", value / 1000.0).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}

package dev.downhill.trainer.demo;

import java.util.Locale;

/**
 * Renders a {@link DemoOutcome} as {@code report.md} (what happened, with the numbers) and as the short
 * table {@code downhill demo} prints at the end.
 */
public final class DemoReport {

    private DemoReport() {
    }

    /** The closing console table. */
    public static String summaryTable(DemoOutcome o) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-34s %8s %8s %8s%n", "accuracy", "frozen", "adaptive", "float ref"));
        row(s, "clean sensor (before drift)", o, Phase.BEFORE);
        row(s, "drifted sensor (all)", o, Phase.AFTER);
        row(s, "drifted sensor (last quarter)", o, Phase.SETTLED);
        s.append(String.format(Locale.ROOT, "steps kept %d, rolled back %d, labels skipped %d, resets %d; "
                + "after the reboot the board restored %d steps%n", o.stepsKept(), o.stepsRolledBack(),
                o.labelsSkipped(), o.monitorResets(), o.restoredSteps()));
        s.append(String.format(Locale.ROOT, "model %d B, board RAM %d B, %.1f us per inference, %.1f us per step, "
                + "%.1f s in all%n", o.modelBytes(), o.boardRamBytes(), o.microsPerInference(), o.microsPerStep(),
                o.seconds()));
        return s.toString();
    }

    /** The markdown report. */
    public static String markdown(DemoOutcome o) {
        ScenarioTrace t = o.scenario();
        StringBuilder s = new StringBuilder();
        s.append("# downhill demo: report\n\n");
        s.append("## Training (host, float)\n\n");
        s.append(String.format(Locale.ROOT, "A %s network was trained on %d handwritten digits for %d epochs "
                + "(`loss.png`). Final cross-entropy: %.4f on the training data, %.4f on held-out validation data.%n%n",
                o.architecture(), o.trainRows(), o.epochs(), o.finalTrainLoss(), o.finalValidationLoss()));
        s.append("## Quantisation (host → board)\n\n");
        s.append(String.format(Locale.ROOT, "On the clean test split (digits the network never saw), the float network "
                + "scores %s and the int8 model the board runs scores %s. The model is %d bytes of flash "
                + "(`model.dhm`, `DemoModel.java`, card in `model.dhm.json`).%n%n", pct(o.floatTestAccuracy()),
                pct(o.int8TestAccuracy()), o.modelBytes()));
        s.append("## The board on a drifting sensor\n\n");
        s.append(String.format(Locale.ROOT, "The board played %d samples. From sample %d the sensor drifted: %s. "
                + "Every %d samples the user labelled one (\"that was a 3\"), and the adaptive copy took one guarded "
                + "fixed-point step on it (input gain and shift, all biases).", t.size(), t.driftAt(), o.drift(),
                o.labelEvery()));
        if (t.rebootAt() > 0) {
            s.append(String.format(Locale.ROOT, " At sample %d the board was power-cycled; it booted again and "
                    + "restored %d adaptation steps from its parameter store.", t.rebootAt(), o.restoredSteps()));
        }
        s.append("\n\n");
        s.append("| accuracy | frozen | adaptive (int8 + fixed point) | float reference |\n");
        s.append("| --- | ---: | ---: | ---: |\n");
        mdRow(s, "clean sensor, before the drift", o, Phase.BEFORE);
        mdRow(s, "drifted sensor, all samples", o, Phase.AFTER);
        mdRow(s, "drifted sensor, last quarter", o, Phase.SETTLED);
        s.append("\n");
        s.append(String.format(Locale.ROOT, "Adaptation steps: %d kept, %d rolled back by the loss check, %d labels "
                + "skipped as contradicting a confident prediction, %d returns to the factory parameters.%n%n",
                o.stepsKept(), o.stepsRolledBack(), o.labelsSkipped(), o.monitorResets()));
        s.append(verdict(o)).append("\n\n");
        s.append("`frozen-vs-adaptive.png` shows the rolling accuracy of the three against samples seen, with the "
                + "drift onset marked. The float reference takes the same steps on the same labelled samples in "
                + "double precision: the gap between it and the adaptive curve is what fixed point costs.\n\n");
        s.append("## Cost on the board\n\n");
        s.append(String.format(Locale.ROOT, "RAM held by the board's runtime objects (two interpreters and the "
                + "adapter): %d bytes. On this host (with JIT): %.1f µs per int8 inference, %.1f µs per adaptation "
                + "step. Run the board itself without a JIT and with an 8 MB heap to see the device-like figures:%n%n"
                + "```%njava -Xint -Xmx8m -jar firmware-demo/target/firmware-demo.jar%n```%n%n", o.boardRamBytes(),
                o.microsPerInference(), o.microsPerStep()));
        s.append(String.format(Locale.ROOT, "The whole demo took %.1f s.%n", o.seconds()));
        return s.toString();
    }

    /** One honest sentence on whether cheap adaptation helped against this drift. */
    static String verdict(DemoOutcome o) {
        double frozen = o.settled(ScenarioTrace.FROZEN);
        double adaptive = o.settled(ScenarioTrace.ADAPTIVE);
        double clean = o.beforeDrift(ScenarioTrace.FROZEN);
        double gain = adaptive - frozen;
        if (gain >= 0.02) {
            return String.format(Locale.ROOT, "Adaptation helped: once settled, the adaptive model is %s points above "
                    + "the frozen one (%s against %s; %s before the drift).", points(gain), pct(adaptive), pct(frozen),
                    pct(clean));
        }
        if (gain <= -0.02) {
            return String.format(Locale.ROOT, "Adaptation hurt here: once settled, the adaptive model is %s points "
                    + "below the frozen one (%s against %s). Cheap adaptation of gains and biases cannot undo this "
                    + "drift.", points(-gain), pct(adaptive), pct(frozen));
        }
        return String.format(Locale.ROOT, "Adaptation made no real difference (%s adaptive against %s frozen once "
                + "settled): a gain, a shift and biases cannot bring back what this drift took away.", pct(adaptive),
                pct(frozen));
    }

    private enum Phase { BEFORE, AFTER, SETTLED }

    private static double value(DemoOutcome o, int model, Phase p) {
        return switch (p) {
            case BEFORE -> o.beforeDrift(model);
            case AFTER -> o.afterDrift(model);
            case SETTLED -> o.settled(model);
        };
    }

    private static void row(StringBuilder s, String name, DemoOutcome o, Phase p) {
        s.append(String.format(Locale.ROOT, "%-34s %8s %8s %8s%n", name, pct(value(o, ScenarioTrace.FROZEN, p)),
                pct(value(o, ScenarioTrace.ADAPTIVE, p)), pct(value(o, ScenarioTrace.FLOAT_REFERENCE, p))));
    }

    private static void mdRow(StringBuilder s, String name, DemoOutcome o, Phase p) {
        s.append("| ").append(name).append(" | ").append(pct(value(o, ScenarioTrace.FROZEN, p))).append(" | ")
                .append(pct(value(o, ScenarioTrace.ADAPTIVE, p))).append(" | ")
                .append(pct(value(o, ScenarioTrace.FLOAT_REFERENCE, p))).append(" |\n");
    }

    private static String pct(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String points(double fraction) {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }
}

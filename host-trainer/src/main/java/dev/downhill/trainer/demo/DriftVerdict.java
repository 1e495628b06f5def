package dev.downhill.trainer.demo;

import dev.downhill.demo.SensorDrift;
import java.util.Locale;

/**
 * A one-line, plain-language verdict on one {@link DriftRun}, computed from its numbers: did the drift hurt
 * the frozen model, and did cheap on-device adaptation win the loss back? Everything is judged on the last
 * quarter of the drifted stream ({@link DriftRun#settled}), once adaptation had time to act, against the
 * frozen model's accuracy on the clean samples before the drift.
 *
 * @param kind which of the lessons this run tells
 * @param text the sentence for the console and {@code report.md}
 */
public record DriftVerdict(Kind kind, String text) {

    /**
     * Differences smaller than this many accuracy points are not evidence. The last quarter of the demo's
     * drifted stream is 150 samples: one sample is 0.67 points, and the binomial standard deviation of a
     * ~97% accuracy over 150 samples is about 1.4 points (over the 120 clean samples, 1.6). Three points is
     * roughly two standard deviations: below it, "better" or "worse" would be reading noise.
     */
    static final double NOISE_POINTS = 3.0;

    /**
     * Adaptation "recovers" a loss only if it wins back at least this share of the lost points. Below a
     * quarter the adaptive model stays far under its clean accuracy whatever it does: the drift is mostly
     * beyond what a gain, a shift and biases can undo, and calling a few points "recovery" would oversell it.
     */
    static final double MIN_RECOVERED_SHARE = 0.25;

    /** The lessons a drift can tell. */
    public enum Kind {
        /** The frozen model did not lose accuracy, and adaptation stayed close to it. */
        ROBUST,
        /** The frozen model did not lose accuracy, but adaptation dragged the adaptive copy below it. */
        ROBUST_BUT_ADAPTATION_COST,
        /** The frozen model lost accuracy and adaptation won a real share of it back. */
        RECOVERS,
        /** The frozen model lost accuracy and adaptation made it worse still. */
        HURTS,
        /** The frozen model lost accuracy and adaptation won back too little to matter. */
        CANNOT_FIX
    }

    /** The verdict on {@code run}. */
    public static DriftVerdict of(DriftRun run) {
        double clean = points(run.beforeDrift(ScenarioTrace.FROZEN));
        double frozen = points(run.settled(ScenarioTrace.FROZEN));
        double adaptive = points(run.settled(ScenarioTrace.ADAPTIVE));
        double lost = clean - frozen;
        double recovered = adaptive - frozen;
        if (lost < NOISE_POINTS) {
            // Over the whole drifted stream, not just its end: the guards must hold from the first step.
            double cost = Math.max(0, points(run.afterDrift(ScenarioTrace.FROZEN))
                    - points(run.afterDrift(ScenarioTrace.ADAPTIVE)));
            String robust = String.format(Locale.ROOT,
                    "frozen model already robust (%.1f%% clean, %.1f%% late in the drift)", clean, frozen);
            if (cost < NOISE_POINTS) {
                return new DriftVerdict(Kind.ROBUST, String.format(Locale.ROOT,
                        "%s: adaptation not needed (guards kept it within %.1f points)", robust, cost));
            }
            return new DriftVerdict(Kind.ROBUST_BUT_ADAPTATION_COST, String.format(Locale.ROOT,
                    "%s, but adaptation cost %.1f points: its guards let harmful steps through", robust, cost));
        }
        if (recovered <= -NOISE_POINTS) {
            return new DriftVerdict(Kind.HURTS, String.format(Locale.ROOT,
                    "adaptation hurts: %.1f points below the frozen model, which had already lost %.1f", -recovered,
                    lost));
        }
        if (recovered >= NOISE_POINTS && recovered >= MIN_RECOVERED_SHARE * lost) {
            return new DriftVerdict(Kind.RECOVERS, String.format(Locale.ROOT,
                    "adaptation recovers %.1f of %.1f lost points (frozen %.1f%%, adaptive %.1f%%)", recovered, lost,
                    frozen, adaptive));
        }
        return new DriftVerdict(Kind.CANNOT_FIX, String.format(Locale.ROOT,
                "cheap adaptation cannot fix this: it recovers %.1f of %.1f lost points; %s", Math.max(0, recovered),
                lost, why(run)));
    }

    /** What a drift that cheap adaptation cannot undo changed, in words. */
    private static String why(DriftRun run) {
        if (run.options().drift() == SensorDrift.PIXEL_SHIFT) {
            return "geometry changed (every pixel now reads its neighbour: that needs new weights, not a gain or a bias)";
        }
        return "the drift changed more than input gains, shifts and biases can undo";
    }

    /** In percent, rounded to the tenth the report prints, so a verdict agrees with the numbers beside it. */
    private static double points(double fraction) {
        return Math.round(1000 * fraction) / 10.0;
    }
}

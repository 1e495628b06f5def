package dev.downhill.trainer.adapt;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a labelled stream through the frozen model, the fixed-point {@link Adapter} and the
 * {@link FloatAdaptationReference} side by side, measuring accuracy on evaluation rows (drifted the same way)
 * every {@code evalEvery} samples. What {@code downhill adapt} and the demo plot.
 *
 * @param streamX raw integer samples in stream order (not yet drifted)
 * @param streamY their class labels
 * @param evalX   evaluation samples (not yet drifted)
 * @param evalY   their class labels
 */
public record AdaptationRun(Model model, AdaptationRecipe recipe, Drift drift, List<int[]> streamX, int[] streamY,
                            List<int[]> evalX, int[] evalY, int evalEvery) {

    /** One evaluation point: accuracies after {@code seen} labelled samples, and the adapter's outcome counts. */
    public record Point(int seen, double frozen, double fixedPoint, double floatReference, int applied, int skipped,
                        int rolledBack, int resets) {
    }

    /** Runs the stream once and returns the curve, starting with the point for 0 samples. */
    public List<Point> run() {
        Interpreter frozen = new Interpreter(model);
        Interpreter adapted = new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS);
        Adapter adapter = new Adapter(adapted, recipe.toAdapterConfig());
        FloatAdaptationReference reference = new FloatAdaptationReference(model, recipe);
        List<int[]> evalDrifted = new ArrayList<>();
        for (int[] x : evalX) {
            evalDrifted.add(drift.apply(x));
        }
        double frozenAccuracy = accuracy(frozen, evalDrifted);
        int[] counts = new int[4];
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, frozenAccuracy, accuracy(adapted, evalDrifted), accuracy(reference, evalDrifted), 0, 0,
                0, 0));
        for (int t = 0; t < streamX.size(); t++) {
            int[] raw = drift.apply(streamX.get(t));
            counts[adapter.step(raw, 0, streamY[t])]++;
            reference.step(raw, streamY[t]);
            if ((t + 1) % evalEvery == 0 || t + 1 == streamX.size()) {
                points.add(new Point(t + 1, frozenAccuracy, accuracy(adapted, evalDrifted),
                        accuracy(reference, evalDrifted), counts[Adapter.APPLIED], counts[Adapter.SKIPPED_CONTRADICTION],
                        counts[Adapter.ROLLED_BACK], counts[Adapter.RESET_BY_MONITOR]));
            }
        }
        return points;
    }

    private double accuracy(Interpreter in, List<int[]> xs) {
        int correct = 0;
        for (int i = 0; i < xs.size(); i++) {
            in.invoke(xs.get(i), 0);
            correct += in.argMax() == evalY[i] ? 1 : 0;
        }
        return (double) correct / xs.size();
    }

    private double accuracy(FloatAdaptationReference ref, List<int[]> xs) {
        int correct = 0;
        for (int i = 0; i < xs.size(); i++) {
            correct += ref.classify(xs.get(i)) == evalY[i] ? 1 : 0;
        }
        return (double) correct / xs.size();
    }
}

package dev.downhill.trainer.adapt;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a labelled stream through the frozen model, the fixed-point {@link Adapter} and the
 * {@link FloatAdaptationReference} side by side, measuring accuracy on evaluation rows (drifted the same way)
 * every {@code evalEvery} samples. What {@code downhill adapt} and the demo plot.
 *
 * <p>A model with an input stage takes the drifted readings as they are. A model without one takes an int8 input
 * tensor: {@code int8Input} turns a drifted reading into it, as the device's driver would (standardise and quantise),
 * and the adapter steps on that tensor ({@link Adapter#step(byte[], int, int)}); the float reference reads the same
 * tensor.
 *
 * @param streamX   raw integer samples in stream order (not yet drifted)
 * @param streamY   their class labels
 * @param evalX     evaluation samples (not yet drifted)
 * @param evalY     their class labels
 * @param int8Input the driver from a reading to the int8 input tensor, for a model without an input stage; else null
 */
public record AdaptationRun(Model model, AdaptationRecipe recipe, Drift drift, List<int[]> streamX, int[] streamY,
                            List<int[]> evalX, int[] evalY, int evalEvery, Function<int[], byte[]> int8Input) {

    /** A run of a model with an input stage: it takes the readings themselves. */
    public AdaptationRun(Model model, AdaptationRecipe recipe, Drift drift, List<int[]> streamX, int[] streamY,
                         List<int[]> evalX, int[] evalY, int evalEvery) {
        this(model, recipe, drift, streamX, streamY, evalX, evalY, evalEvery, null);
    }

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
        List<byte[]> evalInt8 = int8Input == null ? null : evalDrifted.stream().map(int8Input).toList();
        List<int[]> evalReference = int8Input == null ? evalDrifted : evalInt8.stream().map(AdaptationRun::widen).toList();
        double frozenAccuracy = accuracy(frozen, evalDrifted);
        int[] counts = new int[4];
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, frozenAccuracy, accuracy(adapted, evalDrifted, evalInt8),
                accuracy(reference, evalReference), 0, 0, 0, 0));
        for (int t = 0; t < streamX.size(); t++) {
            int[] raw = drift.apply(streamX.get(t));
            if (int8Input == null) {
                counts[adapter.step(raw, 0, streamY[t])]++;
                reference.step(raw, streamY[t]);
            } else {
                byte[] q = int8Input.apply(raw);
                counts[adapter.step(q, 0, streamY[t])]++;
                reference.step(widen(q), streamY[t]);
            }
            if ((t + 1) % evalEvery == 0 || t + 1 == streamX.size()) {
                points.add(new Point(t + 1, frozenAccuracy, accuracy(adapted, evalDrifted, evalInt8),
                        accuracy(reference, evalReference), counts[Adapter.APPLIED],
                        counts[Adapter.SKIPPED_CONTRADICTION], counts[Adapter.ROLLED_BACK],
                        counts[Adapter.RESET_BY_MONITOR]));
            }
        }
        return points;
    }

    private double accuracy(Interpreter in, List<int[]> xs) {
        return accuracy(in, xs, int8Input == null ? null : xs.stream().map(int8Input).toList());
    }

    /** Accuracy on the readings {@code xs}, or on their int8 tensors {@code int8} for a model without a stage. */
    private double accuracy(Interpreter in, List<int[]> xs, List<byte[]> int8) {
        int correct = 0;
        for (int i = 0; i < xs.size(); i++) {
            if (int8 == null) {
                in.invoke(xs.get(i), 0);
            } else {
                in.setInput(int8.get(i), 0);
                in.invoke();
            }
            correct += in.argMax() == evalY[i] ? 1 : 0;
        }
        return (double) correct / xs.size();
    }

    /** An int8 tensor as the float reference's input values (a model without a stage reads them as its "raw"). */
    private static int[] widen(byte[] q) {
        int[] x = new int[q.length];
        for (int i = 0; i < q.length; i++) {
            x[i] = q[i];
        }
        return x;
    }

    private double accuracy(FloatAdaptationReference ref, List<int[]> xs) {
        int correct = 0;
        for (int i = 0; i < xs.size(); i++) {
            correct += ref.classify(xs.get(i)) == evalY[i] ? 1 : 0;
        }
        return (double) correct / xs.size();
    }
}

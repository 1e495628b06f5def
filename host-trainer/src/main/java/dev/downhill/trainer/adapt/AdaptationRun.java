package dev.downhill.trainer.adapt;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a labelled stream through the frozen model, the fixed-point {@link Adapter} and the
 * {@link FloatAdaptationReference} side by side, scoring all three on evaluation rows (drifted the same way) every
 * {@code evalEvery} samples. What {@code downhill adapt} and the demo plot. A classifier is scored by accuracy, a
 * regression model by its mean absolute and root mean square error in the target's units ({@link Labels}).
 *
 * <p>A model with an input stage takes the drifted readings as they are. A model without one takes an int8 input
 * tensor: {@code int8Input} turns a drifted reading into it, as the device's driver would (standardise and quantise),
 * and the adapter steps on that tensor ({@link Adapter#step(byte[], int, int)}); the float reference reads the same
 * tensor.
 *
 * @param streamX   raw integer samples in stream order (not yet drifted)
 * @param streamY   their labels: class ids, or regression targets (the recipe's loss must match)
 * @param evalX     evaluation samples (not yet drifted)
 * @param evalY     their labels, of the same kind
 * @param int8Input the driver from a reading to the int8 input tensor, for a model without an input stage; else null
 */
public record AdaptationRun(Model model, AdaptationRecipe recipe, Drift drift, List<int[]> streamX, Labels streamY,
                            List<int[]> evalX, Labels evalY, int evalEvery, Function<int[], byte[]> int8Input) {

    public AdaptationRun {
        if (streamY.size() != streamX.size() || evalY.size() != evalX.size()) {
            throw new IllegalArgumentException("samples and labels differ in number");
        }
        if (streamY.isRegression() != evalY.isRegression()) {
            throw new IllegalArgumentException("the stream and the evaluation rows hold different kinds of labels");
        }
        if (streamY.isRegression() != (recipe.loss() == AdapterConfig.LOSS_MSE)) {
            throw new IllegalArgumentException(streamY.isRegression()
                    ? "regression targets need a recipe with the squared-error loss (withLoss(LOSS_MSE))"
                    : "class labels need a recipe with the cross-entropy loss");
        }
    }

    /** A run of a model with an input stage: it takes the readings themselves. */
    public AdaptationRun(Model model, AdaptationRecipe recipe, Drift drift, List<int[]> streamX, Labels streamY,
                         List<int[]> evalX, Labels evalY, int evalEvery) {
        this(model, recipe, drift, streamX, streamY, evalX, evalY, evalEvery, null);
    }

    /**
     * A model's score on the evaluation rows. A classifier's is its accuracy (the errors are NaN); a regression
     * model's is its mean absolute and root mean square error in the target's units (the accuracy is NaN).
     */
    public record Score(double accuracy, double meanAbsoluteError, double rootMeanSquareError) {

        static Score accuracy(double share) {
            return new Score(share, Double.NaN, Double.NaN);
        }

        static Score errors(double mae, double rmse) {
            return new Score(Double.NaN, mae, rmse);
        }

        /** True for a regression model's errors, false for a classifier's accuracy. */
        public boolean isRegression() {
            return Double.isNaN(accuracy);
        }

        /** The figure plotted and reported first: accuracy, or mean absolute error. */
        public double headline() {
            return isRegression() ? meanAbsoluteError : accuracy;
        }
    }

    /** One evaluation point: scores after {@code seen} labelled samples, and the adapter's outcome counts. */
    public record Point(int seen, Score frozen, Score fixedPoint, Score floatReference, int applied, int skipped,
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
        Score frozenScore = score(frozen, evalDrifted, evalInt8);
        int[] counts = new int[4];
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, frozenScore, score(adapted, evalDrifted, evalInt8), score(reference, evalReference),
                0, 0, 0, 0));
        for (int t = 0; t < streamX.size(); t++) {
            int[] raw = drift.apply(streamX.get(t));
            byte[] q = int8Input == null ? null : int8Input.apply(raw);
            counts[streamY.step(adapter, raw, q, t)]++;
            streamY.step(reference, q == null ? raw : widen(q), t);
            if ((t + 1) % evalEvery == 0 || t + 1 == streamX.size()) {
                points.add(new Point(t + 1, frozenScore, score(adapted, evalDrifted, evalInt8),
                        score(reference, evalReference), counts[Adapter.APPLIED],
                        counts[Adapter.SKIPPED_CONTRADICTION], counts[Adapter.ROLLED_BACK],
                        counts[Adapter.RESET_BY_MONITOR]));
            }
        }
        return points;
    }

    /** The score on the readings {@code xs}, or on their int8 tensors {@code int8} for a model without a stage. */
    private Score score(Interpreter in, List<int[]> xs, List<byte[]> int8) {
        double[] predicted = new double[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            if (int8 == null) {
                in.invoke(xs.get(i), 0);
            } else {
                in.setInput(int8.get(i), 0);
                in.invoke();
            }
            predicted[i] = evalY.predicted(in);
        }
        return evalY.score(predicted);
    }

    private Score score(FloatAdaptationReference ref, List<int[]> xs) {
        double[] predicted = new double[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            predicted[i] = evalY.predicted(ref, xs.get(i));
        }
        return evalY.score(predicted);
    }

    /** An int8 tensor as the float reference's input values (a model without a stage reads them as its "raw"). */
    private static int[] widen(byte[] q) {
        int[] x = new int[q.length];
        for (int i = 0; i < q.length; i++) {
            x[i] = q[i];
        }
        return x;
    }
}

package dev.downhill.conformance.agreement;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.trainer.adapt.AdaptationRecipe;
import dev.downhill.trainer.adapt.Drift;
import dev.downhill.trainer.adapt.FloatAdaptationReference;

/**
 * Runs one adaptation scenario on the digits fixture side by side: the frozen int8 model, the fixed-point
 * {@link Adapter} and the {@link FloatAdaptationReference}, on the same stream of labelled samples, and measures
 * accuracy on the held-out evaluation rows.
 */
final class AdaptationScenario {

    /** Accuracies (fractions) on the evaluation rows. */
    record Result(double frozenClean, double frozenDrifted, double fixedAdapted, double floatFrozenDrifted,
                  double floatAdapted, double fixedClean, int skipped, int resets) {

        /** Share of the accuracy lost to the drift that the fixed-point adapter won back. */
        double fixedRecovery() {
            return (fixedAdapted - frozenDrifted) / (frozenClean - frozenDrifted);
        }

        /** Share of the float model's lost accuracy the float reference won back. */
        double floatRecovery(double floatClean) {
            return (floatAdapted - floatFrozenDrifted) / (floatClean - floatFrozenDrifted);
        }

        /** What the fixed-point path won back, relative to what the float reference won back. */
        double fixedOverFloatGain() {
            return (fixedAdapted - frozenDrifted) / (floatAdapted - floatFrozenDrifted);
        }
    }

    private AdaptationScenario() {
    }

    /**
     * @param labels    the labels fed with the stream (the true ones, or poisoned ones)
     * @param streamLen samples fed (cycling over the stream rows)
     */
    /**
     * Stream orders averaged over: one order of 200 samples is too noisy to judge a recipe by, and 5 orders were
     * not enough either (their honest cost read 2.1 points where 30 orders read 2.3). 30 orders of every scenario
     * in {@code AdaptationTargetsTest} take about 5 s.
     */
    static final int ORDERS = 30;

    /**
     * Averages {@link #run} over {@link #ORDERS} seeded permutations of the stream rows (order 0 is the file
     * order); {@code labels} is indexed by stream position and permuted with the rows.
     */
    static Result average(Model model, AdaptationRecipe recipe, Drift drift, int[] labels, int streamLen) {
        double[] sum = new double[6];
        int skipped = 0;
        int resets = 0;
        for (int o = 0; o < ORDERS; o++) {
            Result r = run(model, recipe, drift, labels, streamLen, o);
            sum[0] += r.frozenClean();
            sum[1] += r.frozenDrifted();
            sum[2] += r.fixedAdapted();
            sum[3] += r.floatFrozenDrifted();
            sum[4] += r.floatAdapted();
            sum[5] += r.fixedClean();
            skipped += r.skipped();
            resets += r.resets();
        }
        return new Result(sum[0] / ORDERS, sum[1] / ORDERS, sum[2] / ORDERS, sum[3] / ORDERS, sum[4] / ORDERS,
                sum[5] / ORDERS, skipped, resets);
    }

    static Result run(Model model, AdaptationRecipe recipe, Drift drift, int[] labels, int streamLen) {
        return run(model, recipe, drift, labels, streamLen, 0);
    }

    static Result run(Model model, AdaptationRecipe recipe, Drift drift, int[] labels, int streamLen, int order) {
        int[] perm = new int[streamLen];
        for (int t = 0; t < streamLen; t++) {
            perm[t] = t;
        }
        if (order > 0) {
            java.util.Random r = new java.util.Random(order);
            for (int t = streamLen - 1; t > 0; t--) {
                int j = r.nextInt(t + 1);
                int tmp = perm[t];
                perm[t] = perm[j];
                perm[j] = tmp;
            }
        }
        int[][] x = AdaptationDigitsFixture.TEST_X;
        int[] y = AdaptationDigitsFixture.TEST_Y;
        int stream = AdaptationDigitsFixture.STREAM_ROWS;
        Interpreter frozen = new Interpreter(model);
        double frozenClean = accuracy(frozen, Drift.none());
        double frozenDrifted = accuracy(frozen, drift);
        Interpreter adapted = new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS);
        Adapter adapter = new Adapter(adapted, recipe.toAdapterConfig());
        FloatAdaptationReference reference = new FloatAdaptationReference(model, recipe);
        double floatFrozenDrifted = floatAccuracy(reference, drift);
        int skipped = 0;
        int resets = 0;
        for (int t = 0; t < streamLen; t++) {
            int row = perm[t] % stream;
            int[] raw = drift.apply(x[row]);
            int outcome = adapter.step(raw, 0, labels[perm[t]]);
            skipped += outcome == Adapter.SKIPPED_CONTRADICTION ? 1 : 0;
            resets += outcome == Adapter.RESET_BY_MONITOR ? 1 : 0;
            reference.step(raw, labels[perm[t]]);
        }
        return new Result(frozenClean, frozenDrifted, accuracy(adapted, drift), floatFrozenDrifted,
                floatAccuracy(reference, drift), accuracy(adapted, Drift.none()), skipped, resets);
    }

    static int[] trueLabels(int streamLen) {
        int[] labels = new int[streamLen];
        for (int t = 0; t < streamLen; t++) {
            labels[t] = AdaptationDigitsFixture.TEST_Y[t % AdaptationDigitsFixture.STREAM_ROWS];
        }
        return labels;
    }

    static double accuracy(Interpreter in, Drift drift) {
        int[][] x = AdaptationDigitsFixture.TEST_X;
        int[] y = AdaptationDigitsFixture.TEST_Y;
        int correct = 0;
        for (int i = AdaptationDigitsFixture.STREAM_ROWS; i < x.length; i++) {
            in.invoke(drift.apply(x[i]), 0);
            correct += in.argMax() == y[i] ? 1 : 0;
        }
        return (double) correct / (x.length - AdaptationDigitsFixture.STREAM_ROWS);
    }

    static double floatAccuracy(FloatAdaptationReference ref, Drift drift) {
        int[][] x = AdaptationDigitsFixture.TEST_X;
        int[] y = AdaptationDigitsFixture.TEST_Y;
        int correct = 0;
        for (int i = AdaptationDigitsFixture.STREAM_ROWS; i < x.length; i++) {
            correct += ref.classify(drift.apply(x[i])) == y[i] ? 1 : 0;
        }
        return (double) correct / (x.length - AdaptationDigitsFixture.STREAM_ROWS);
    }
}

package dev.downhill.trainer.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.Guards;
import dev.downhill.trainer.data.TargetScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptationRunTest {

    private static final Model REGRESSOR = SmallModels.regressor(5);
    /** Output scale 0.05, zero point 10, target scaling (3, 2): target = 3 + 0.1·(q − 10). */
    private static final TargetScaling SCALING = new TargetScaling(3, 2);
    private static final AdaptationRecipe MSE = AdaptationRecipe.defaults().withGuards(Guards.NONE)
            .withLoss(AdapterConfig.LOSS_MSE);

    private static List<int[]> samples(Random r, int n) {
        List<int[]> xs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] x = new int[8];
            for (int f = 0; f < 8; f++) {
                x[f] = r.nextInt(17);
            }
            xs.add(x);
        }
        return xs;
    }

    /** The undrifted model's own output bytes: the teacher whose int8 targets the device must be given. */
    private static byte[] teacher(List<int[]> xs) {
        Interpreter in = new Interpreter(REGRESSOR);
        byte[] q = new byte[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            in.invoke(xs.get(i), 0);
            q[i] = (byte) in.output(0);
        }
        return q;
    }

    private static double[] targets(byte[] q) {
        double[] t = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            t[i] = 3 + 2 * ((double) 0.05f * (q[i] - 10));
        }
        return t;
    }

    /**
     * A regression run steps the device on the teacher's own output bytes as int8 targets (found here without
     * {@link Labels}' arithmetic) and scores MAE in the target's units: the same figure as an adapter stepped by hand.
     */
    @Test
    void aRegressionRunStepsTheAdapterTowardsInt8TargetsAndScoresMaeInTargetUnits() {
        Random r = new Random(12);
        List<int[]> stream = samples(r, 60);
        List<int[]> eval = samples(r, 30);
        byte[] streamQ = teacher(stream);
        double[] evalT = targets(teacher(eval));
        Drift drift = Drift.parse("gain=0.8,offset=2").withDataRange(0, 16);
        List<AdaptationRun.Point> points = new AdaptationRun(REGRESSOR, MSE, drift, stream,
                Labels.targets(targets(streamQ), REGRESSOR, SCALING), eval, Labels.targets(evalT, REGRESSOR, SCALING),
                20).run();

        Interpreter adapted = new Interpreter(REGRESSOR, Interpreter.RETAIN_ACTIVATIONS);
        Adapter byHand = new Adapter(adapted, MSE.toAdapterConfig());
        for (int t = 0; t < stream.size(); t++) {
            assertThat(byHand.stepTowards(drift.apply(stream.get(t)), 0, streamQ, t)).isEqualTo(Adapter.APPLIED);
        }
        Interpreter frozen = new Interpreter(REGRESSOR);
        double adaptedError = 0;
        double frozenError = 0;
        for (int i = 0; i < eval.size(); i++) {
            adapted.invoke(drift.apply(eval.get(i)), 0);
            frozen.invoke(drift.apply(eval.get(i)), 0);
            adaptedError += Math.abs(3 + 2 * ((double) 0.05f * (adapted.output(0) - 10)) - evalT[i]);
            frozenError += Math.abs(3 + 2 * ((double) 0.05f * (frozen.output(0) - 10)) - evalT[i]);
        }
        assertThat(points).extracting(AdaptationRun.Point::seen).containsExactly(0, 20, 40, 60);
        AdaptationRun.Point first = points.get(0);
        AdaptationRun.Point last = points.get(3);
        assertThat(first.fixedPoint()).isEqualTo(first.frozen());
        assertThat(last.frozen().meanAbsoluteError()).isCloseTo(frozenError / eval.size(), within(1e-9));
        assertThat(last.fixedPoint().meanAbsoluteError()).isCloseTo(adaptedError / eval.size(), within(1e-9));
        assertThat(last.fixedPoint().meanAbsoluteError()).as("adapting to the drift").isLessThan(
                last.frozen().meanAbsoluteError());
        assertThat(last.fixedPoint().rootMeanSquareError()).isGreaterThanOrEqualTo(
                last.fixedPoint().meanAbsoluteError());
        assertThat(last.applied()).isEqualTo(60);
        assertThat(last.skipped() + last.rolledBack() + last.resets()).isZero();
    }

    @Test
    void theRecipesLossMustMatchTheLabels() {
        List<int[]> xs = samples(new Random(1), 2);
        Labels targets = Labels.targets(new double[] {1, 2}, REGRESSOR, SCALING);
        Labels classes = Labels.classes(new int[] {0, 1});
        assertThatThrownBy(() -> new AdaptationRun(REGRESSOR, AdaptationRecipe.defaults(), Drift.none(), xs, targets,
                xs, targets, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("squared-error");
        assertThatThrownBy(() -> new AdaptationRun(SmallModels.classifier(3), MSE, Drift.none(), xs, classes, xs,
                classes, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cross-entropy");
        assertThatThrownBy(() -> new AdaptationRun(REGRESSOR, MSE, Drift.none(), xs, targets, xs, classes, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different kinds");
    }
}

package dev.downhill.trainer.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.FixedPointSchedule;
import dev.downhill.runtime.adapt.Guards;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatAdaptationReferenceTest {

    private static final Model MODEL = SmallModels.classifier(3);
    private static final double RATE = 1e-3;
    private static final double H = 1e-6;
    /** Central differences of a smooth loss agree with the analytic gradient to ~1e-6 relative; ReLU kinks aside. */
    private static final double TOLERANCE = 1e-4;

    private static AdaptationRecipe recipe(int set) {
        return AdaptationRecipe.defaults().withTrainable(set).withRate(RATE).withGuards(Guards.NONE)
                .withSchedule(FixedPointSchedule.CONSTANT, 1, 1).withAnchor(0).withRateScales(1, 1, 1);
    }

    private static int[] sample(Random r) {
        int[] x = new int[8];
        for (int i = 0; i < 8; i++) {
            x[i] = r.nextInt(17);
        }
        return x;
    }

    @Test
    void oneStepMovesEveryTrainableParameterByMinusRateTimesTheFiniteDifferenceGradient() {
        Random r = new Random(4);
        for (int trial = 0; trial < 5; trial++) {
            int[] x = sample(r);
            int label = r.nextInt(3);
            FloatAdaptationReference probe = new FloatAdaptationReference(MODEL, recipe(7));
            FloatAdaptationReference stepped = new FloatAdaptationReference(MODEL, recipe(7));
            stepped.step(x, label);
            for (int l = 0; l < 2; l++) {
                for (int k = 0; k < MODEL.layerOutputSize(l); k++) {
                    double b = probe.bias(l, k);
                    probe.setBias(l, k, b + H);
                    double up = probe.crossEntropy(x, label);
                    probe.setBias(l, k, b - H);
                    double down = probe.crossEntropy(x, label);
                    probe.setBias(l, k, b);
                    double g = (up - down) / (2 * H);
                    assertThat((b - stepped.bias(l, k)) / RATE).as("bias %d/%d", l, k).isCloseTo(g, within(TOLERANCE));
                }
            }
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < 6; j++) {
                    double v = probe.weight(1, k, j);
                    probe.setWeight(1, k, j, v + H);
                    double up = probe.crossEntropy(x, label);
                    probe.setWeight(1, k, j, v - H);
                    double down = probe.crossEntropy(x, label);
                    probe.setWeight(1, k, j, v);
                    assertThat((v - stepped.weight(1, k, j)) / RATE).isCloseTo((up - down) / (2 * H), within(TOLERANCE));
                }
            }
            for (int f = 0; f < 8; f++) {
                probe.setInput(f, 1 + H, 0);
                double up = probe.crossEntropy(x, label);
                probe.setInput(f, 1 - H, 0);
                double down = probe.crossEntropy(x, label);
                probe.setInput(f, 1, H);
                double upC = probe.crossEntropy(x, label);
                probe.setInput(f, 1, -H);
                double downC = probe.crossEntropy(x, label);
                probe.setInput(f, 1, 0);
                assertThat((1 - stepped.inputGain(f)) / RATE).as("gain %d", f).isCloseTo((up - down) / (2 * H), within(TOLERANCE));
                assertThat(-stepped.inputShift(f) / RATE).as("shift %d", f).isCloseTo((upC - downC) / (2 * H), within(TOLERANCE));
            }
        }
    }

    /** The regression step descends {@code ½ (y − t)²}: every trainable parameter, checked by central differences. */
    @Test
    void aRegressionStepMovesEveryTrainableParameterByMinusRateTimesTheSquaredErrorGradient() {
        Model regressor = SmallModels.regressor(5);
        AdaptationRecipe unclipped = recipe(7).withClip(0);
        Random r = new Random(8);
        for (int trial = 0; trial < 5; trial++) {
            int[] x = sample(r);
            FloatAdaptationReference probe = new FloatAdaptationReference(regressor, unclipped);
            double[] target = {probe.predict(x)[0] + (trial % 2 == 0 ? 0.7 : -1.3)};
            FloatAdaptationReference stepped = new FloatAdaptationReference(regressor, unclipped);
            stepped.stepTowards(x, target);
            java.util.function.DoubleSupplier loss = () -> {
                double e = probe.predict(x)[0] - target[0];
                return e * e / 2;
            };
            int checked = 0;
            for (int l = 0; l < 2; l++) {
                for (int k = 0; k < regressor.layerOutputSize(l); k++) {
                    double b = probe.bias(l, k);
                    probe.setBias(l, k, b + H);
                    double up = loss.getAsDouble();
                    probe.setBias(l, k, b - H);
                    double down = loss.getAsDouble();
                    probe.setBias(l, k, b);
                    double g = (up - down) / (2 * H);
                    assertThat((b - stepped.bias(l, k)) / RATE).as("bias %d/%d", l, k).isCloseTo(g, within(TOLERANCE));
                    checked += g != 0 ? 1 : 0;
                }
            }
            for (int j = 0; j < 6; j++) {
                double v = probe.weight(1, 0, j);
                probe.setWeight(1, 0, j, v + H);
                double up = loss.getAsDouble();
                probe.setWeight(1, 0, j, v - H);
                double down = loss.getAsDouble();
                probe.setWeight(1, 0, j, v);
                assertThat((v - stepped.weight(1, 0, j)) / RATE).as("weight %d", j)
                        .isCloseTo((up - down) / (2 * H), within(TOLERANCE));
            }
            for (int f = 0; f < 8; f++) {
                probe.setInput(f, 1 + H, 0);
                double up = loss.getAsDouble();
                probe.setInput(f, 1 - H, 0);
                double down = loss.getAsDouble();
                probe.setInput(f, 1, H);
                double upC = loss.getAsDouble();
                probe.setInput(f, 1, -H);
                double downC = loss.getAsDouble();
                probe.setInput(f, 1, 0);
                assertThat((1 - stepped.inputGain(f)) / RATE).as("gain %d", f)
                        .isCloseTo((up - down) / (2 * H), within(TOLERANCE));
                assertThat(-stepped.inputShift(f) / RATE).as("shift %d", f)
                        .isCloseTo((upC - downC) / (2 * H), within(TOLERANCE));
            }
            assertThat(checked).as("some biases have a gradient (not all ReLUs off)").isGreaterThan(1);
        }
    }

    @Test
    void rateScalesMultiplyEachKindsStepAndTheAnchorPullsTheResultBackTowardTheFactory() {
        Random r = new Random(9);
        int[] x = sample(r);
        double lambda = 0.5;
        FloatAdaptationReference factory = new FloatAdaptationReference(MODEL, recipe(7));
        FloatAdaptationReference plain = new FloatAdaptationReference(MODEL, recipe(7));
        FloatAdaptationReference scaled = new FloatAdaptationReference(MODEL,
                recipe(7).withRateScales(2, 3, 4).withAnchor(lambda));
        plain.step(x, 1);
        scaled.step(x, 1);
        double keep = 1 - RATE * lambda;                                 // share of the step the anchor leaves
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < MODEL.layerOutputSize(l); k++) {
                double step = plain.bias(l, k) - factory.bias(l, k);
                assertThat(scaled.bias(l, k) - factory.bias(l, k)).as("bias %d/%d", l, k)
                        .isCloseTo(4 * step * keep, within(1e-12));
            }
        }
        for (int j = 0; j < 6; j++) {
            double step = plain.weight(1, 0, j) - factory.weight(1, 0, j);
            assertThat(scaled.weight(1, 0, j) - factory.weight(1, 0, j)).isCloseTo(4 * step * keep, within(1e-12));
        }
        for (int f = 0; f < 8; f++) {
            assertThat(scaled.inputGain(f) - 1).as("gain %d", f).isCloseTo(2 * (plain.inputGain(f) - 1) * keep,
                    within(1e-12));
            assertThat(scaled.inputShift(f)).as("shift %d", f).isCloseTo(3 * plain.inputShift(f) * keep,
                    within(1e-12));
        }
        // an anchor of rate x anchor >= 1 returns every parameter to the factory value after each step
        FloatAdaptationReference pinned = new FloatAdaptationReference(MODEL, recipe(7).withRate(1).withAnchor(1));
        pinned.step(x, 2);
        assertThat(pinned.predict(x)).containsExactly(factory.predict(x));
    }

    @Test
    void resetRestoresTheDequantisedModel() {
        FloatAdaptationReference ref = new FloatAdaptationReference(MODEL, recipe(7).withRate(0.1));
        Random r = new Random(6);
        int[] probe = sample(r);
        double[] before = ref.predict(probe);
        for (int i = 0; i < 20; i++) {
            ref.step(sample(r), i % 3);
        }
        assertThat(ref.predict(probe)).isNotEqualTo(before);
        ref.reset();
        assertThat(ref.predict(probe)).containsExactly(before);
        assertThat(ref.stepsTaken()).isZero();
    }

    /**
     * Guard (d) in the reference: the runtime's own integer detector on the factory stage's int8 statistic, so it
     * lifts guard (b) on exactly the samples the device does. Readings pinned low (0..3 raw units, every feature's
     * mean is 6..10) move it; readings at the factory means do not.
     */
    @Test
    void movedInputsLiftTheSkipAsOnTheDevice() {
        AdaptationRecipe skip = AdaptationRecipe.defaults().withGuards(Guards.SKIP_CONFIDENT_CONTRADICTION)
                .withConfident(1);
        AdaptationRecipe shift = skip.withGuards(Guards.SKIP_CONFIDENT_CONTRADICTION | Guards.INPUT_SHIFT_LIFTS_SKIP);
        FloatAdaptationReference plain = new FloatAdaptationReference(MODEL, skip);
        FloatAdaptationReference lifted = new FloatAdaptationReference(MODEL, shift);
        dev.downhill.runtime.adapt.InputShiftDetector device = new dev.downhill.runtime.adapt.InputShiftDetector(MODEL,
                shift.toAdapterConfig().inputShiftThresholdQ24());
        Random r = new Random(9);
        int[] x = new int[8];
        int moves = 0;
        for (int i = 0; i < 60; i++) {
            for (int f = 0; f < 8; f++) {
                x[f] = r.nextInt(4);
            }
            moves += device.observe(x, 0) ? 1 : 0;
            int label = plain.classify(x);
            assertThat(plain.step(x, label)).isEqualTo(dev.downhill.runtime.adapt.Adapter.APPLIED);
            assertThat(lifted.step(x, label)).isEqualTo(dev.downhill.runtime.adapt.Adapter.APPLIED);
        }
        assertThat(device.moved()).as("the device's detector has moved (%d of 60 readings)", moves).isTrue();
        int wrong = (plain.classify(x) + 1) % 3;
        assertThat(plain.step(x, wrong)).isEqualTo(dev.downhill.runtime.adapt.Adapter.SKIPPED_CONTRADICTION);
        assertThat(lifted.step(x, wrong)).as("moved inputs lift the skip").isEqualTo(dev.downhill.runtime.adapt.Adapter.APPLIED);

        FloatAdaptationReference plainClean = new FloatAdaptationReference(MODEL, skip);
        FloatAdaptationReference liftedClean = new FloatAdaptationReference(MODEL, shift);
        int skipped = 0;
        for (int i = 0; i < 100; i++) {
            for (int f = 0; f < 8; f++) {
                x[f] = (MODEL.inputStage().offset(f) >> MODEL.inputStage().preShift()) + r.nextInt(3) - 1;
            }
            int label = r.nextInt(3);
            int outcome = plainClean.step(x, label);
            assertThat(liftedClean.step(x, label)).as("clean step %d", i).isEqualTo(outcome);
            skipped += outcome == dev.downhill.runtime.adapt.Adapter.SKIPPED_CONTRADICTION ? 1 : 0;
        }
        assertThat(skipped).as("(b) was at work on clean readings").isGreaterThan(10);
    }
}

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
                .withSchedule(FixedPointSchedule.CONSTANT, 1, 1);
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
}

package dev.downhill.trainer.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.downhill.trainer.nn.HeInitializer;
import dev.downhill.trainer.nn.Mlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelLandscapeTest {

    @Test
    void filterNormalisedDirectionsMatchEachNeuronsNorm() {
        Mlp net = Mlp.of(5, new int[] {4}, 3);
        HeInitializer.initialize(net, 7);
        Mlp d = ModelLandscape.randomFilterNormalised(net, new Random(1));
        for (int l = 0; l < net.layerCount(); l++) {
            for (int o = 0; o < net.layerOutputs(l); o++) {
                double a = 0;
                double b = 0;
                for (int i = 0; i < net.layerInputs(l); i++) {
                    a += net.weight(l, o, i) * net.weight(l, o, i);
                    b += d.weight(l, o, i) * d.weight(l, o, i);
                }
                assertThat(Math.sqrt(b)).isCloseTo(Math.sqrt(a), within(1e-5));
                assertThat(d.bias(l, o)).isZero();
            }
        }
    }

    @Test
    void principalDirectionsFindAPathThatMovesAlongOneLine() {
        Mlp centre = Mlp.of(3, new int[] {2}, 2);
        HeInitializer.initialize(centre, 3);
        Mlp step = Mlp.of(3, new int[] {2}, 2);
        HeInitializer.initialize(step, 4);
        List<Mlp> path = new ArrayList<>();
        for (int t = 5; t >= 0; t--) {
            Mlp p = centre.copy();
            float[][] pb = p.parameterBlocks();
            float[][] sb = step.parameterBlocks();
            for (int k = 0; k < pb.length; k++) {
                for (int i = 0; i < pb[k].length; i++) {
                    pb[k][i] += t * sb[k][i];
                }
            }
            path.add(p);
        }
        double[] variance = new double[3];
        Mlp[] pcs = ModelLandscape.principalDirections(path, centre, variance);
        assertThat(variance[0] / variance[2]).isCloseTo(1.0, within(1e-4));
        assertThat(ModelLandscape.dot(pcs[0], pcs[0])).isCloseTo(1.0, within(1e-4));
        // The first component is the step direction (up to sign).
        double cos = ModelLandscape.dot(pcs[0], step) / Math.sqrt(ModelLandscape.dot(step, step));
        assertThat(Math.abs(cos)).isCloseTo(1.0, within(1e-4));
    }
}

package dev.downhill.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.trainer.data.Examples;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written backward passes against central finite differences, for every parameter of networks that
 * use every layer type (Dense, ReLU, identity) with both losses. Sizes are odd and the batch is 6 rows so the
 * kernels' four-at-a-time loops and their remainders are both exercised.
 */
class GradientCheckTest {
    /**
     * Perturbation. The network computes in float, so the finite difference carries a rounding error of about
     * float-epsilon * |loss| / EPS ~ 1e-5; the truncation error is O(EPS^2) ~ 1e-4 relative.
     */
    private static final float EPS = 1e-2f;
    /** |analytic - numeric| <= ABS + REL * max(|analytic|, |numeric|): generous to both errors above. */
    private static final double ABS = 3e-4;
    private static final double REL = 2e-2;
    private static final int ROWS = 6;

    @Test
    void softmaxCrossEntropyThroughReluLayers() {
        Mlp net = new Mlp(new int[] {5, 7, 6, 3}, new Activation[] {Activation.RELU, Activation.RELU, Activation.NONE});
        check(net, classification(5, 3));
    }

    @Test
    void meanSquaredErrorThroughReluLayers() {
        Mlp net = new Mlp(new int[] {5, 7, 6, 1}, new Activation[] {Activation.RELU, Activation.RELU, Activation.NONE});
        check(net, regression(5));
    }

    @Test
    void identityHiddenLayer() {
        Mlp net = new Mlp(new int[] {5, 9, 4, 3}, new Activation[] {Activation.NONE, Activation.RELU, Activation.NONE});
        check(net, classification(5, 3));
    }

    @Test
    void singleLayerLinearModel() {
        Mlp net = new Mlp(new int[] {6, 1}, new Activation[] {Activation.NONE});
        check(net, regression(6));
    }

    private static Examples classification(int width, int classes) {
        Random r = new Random(11);
        int[] y = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            y[i] = i % classes;
        }
        return Examples.classification(gaussians(r, ROWS * width), width, y, classes);
    }

    private static Examples regression(int width) {
        Random r = new Random(12);
        return Examples.regression(gaussians(r, ROWS * width), width, gaussians(r, ROWS));
    }

    private static float[] gaussians(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static void check(Mlp net, Examples examples) {
        HeInitializer.initialize(net, 5);
        // Non-zero biases so no pre-activation sits exactly at a ReLU kink by construction.
        Random r = new Random(9);
        for (int l = 0; l < net.layerCount(); l++) {
            for (int j = 0; j < net.layerOutputs(l); j++) {
                net.setBias(l, j, (float) (0.1 * r.nextGaussian()));
            }
        }
        Loss loss = Loss.forExamples(examples);
        BatchBuffers buffers = new BatchBuffers(net, ROWS);
        Mlp grads = net.zerosLike();
        buffers.gatherRange(examples, 0, ROWS);
        net.forward(buffers, ROWS);
        loss.lossAndGradient(buffers.output(), ROWS, examples, null, 0, buffers.outputGradient());
        net.backward(buffers, ROWS, grads);
        String mask = reluMask(net, buffers);

        float[][] params = net.parameterBlocks();
        float[][] analytic = grads.parameterBlocks();
        int checked = 0;
        int skipped = 0;
        double worst = 0;
        for (int b = 0; b < params.length; b++) {
            for (int k = 0; k < params[b].length; k++) {
                float saved = params[b][k];
                params[b][k] = saved + EPS;
                double plus = lossOf(net, examples, loss, buffers);
                boolean kinkPlus = !reluMask(net, buffers).equals(mask);
                params[b][k] = saved - EPS;
                double minus = lossOf(net, examples, loss, buffers);
                boolean kinkMinus = !reluMask(net, buffers).equals(mask);
                params[b][k] = saved;
                if (kinkPlus || kinkMinus) {
                    skipped++; // the loss is not differentiable across a ReLU kink
                    continue;
                }
                double numeric = (plus - minus) / (2.0 * EPS);
                double a = analytic[b][k];
                double error = Math.abs(a - numeric);
                double allowed = ABS + REL * Math.max(Math.abs(a), Math.abs(numeric));
                assertThat(error).as("block %d element %d: analytic %s numeric %s", b, k, a, numeric)
                        .isLessThanOrEqualTo(allowed);
                worst = Math.max(worst, error / allowed);
                checked++;
            }
        }
        assertThat(checked).as("parameters checked (skipped %d at ReLU kinks)", skipped)
                .isGreaterThan(9 * net.parameterCount() / 10);
        assertThat(worst).isLessThanOrEqualTo(1.0);
    }

    private static double lossOf(Mlp net, Examples examples, Loss loss, BatchBuffers buffers) {
        buffers.gatherRange(examples, 0, ROWS);
        net.forward(buffers, ROWS);
        return loss.lossAndGradient(buffers.output(), ROWS, examples, null, 0, null);
    }

    private static String reluMask(Mlp net, BatchBuffers buffers) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < net.layerCount(); l++) {
            if (net.activation(l) == Activation.RELU) {
                for (int row = 0; row < ROWS; row++) {
                    for (float z : buffers.preActivation(l)[row]) {
                        sb.append(z > 0 ? '1' : '0');
                    }
                }
            }
        }
        return sb.toString();
    }
}

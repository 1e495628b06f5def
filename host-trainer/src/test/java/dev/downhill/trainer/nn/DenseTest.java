package dev.downhill.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked kernels against plain triple loops in double, on shapes with remainders in every loop. */
class DenseTest {
    private static final int IN = 7;
    private static final int OUT = 5;
    private static final int ROWS = 6;
    /** Float kernels vs a double reference: a few float ulps of sums of ~7 terms of size ~1. */
    private static final float TOLERANCE = 1e-5f;

    private final Random random = new Random(3);
    private final float[][] x = matrix(ROWS, IN);
    private final float[][] w = matrix(IN, OUT);
    private final float[] b = matrix(1, OUT)[0];
    private final float[][] delta = matrix(ROWS, OUT);

    @Test
    void forwardIsXWPlusB() {
        float[][] z = new float[ROWS][OUT];
        Dense.forward(x, w, b, z, ROWS);
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < OUT; j++) {
                double s = b[j];
                for (int i = 0; i < IN; i++) {
                    s += (double) x[r][i] * w[i][j];
                }
                assertThat(z[r][j]).isCloseTo((float) s, within(TOLERANCE));
            }
        }
    }

    @Test
    void forwardOnlyTouchesTheGivenRows() {
        float[][] z = new float[ROWS][OUT];
        z[5][0] = 42f;
        Dense.forward(x, w, b, z, 5);
        assertThat(z[5][0]).isEqualTo(42f);
    }

    @Test
    void parameterGradientsAccumulate() {
        float[][] gw = new float[IN][OUT];
        float[] gb = new float[OUT];
        gw[2][3] = 1f;
        gb[4] = -1f;
        Dense.parameterGradients(x, delta, ROWS, gw, gb);
        for (int i = 0; i < IN; i++) {
            for (int j = 0; j < OUT; j++) {
                double s = (i == 2 && j == 3) ? 1 : 0;
                for (int r = 0; r < ROWS; r++) {
                    s += (double) x[r][i] * delta[r][j];
                }
                assertThat(gw[i][j]).isCloseTo((float) s, within(TOLERANCE));
            }
        }
        for (int j = 0; j < OUT; j++) {
            double s = j == 4 ? -1 : 0;
            for (int r = 0; r < ROWS; r++) {
                s += delta[r][j];
            }
            assertThat(gb[j]).isCloseTo((float) s, within(TOLERANCE));
        }
    }

    @Test
    void inputGradientIsDeltaTimesWTransposed() {
        float[][] dx = matrix(ROWS, IN); // garbage that must be overwritten
        Dense.inputGradient(delta, ROWS, w, new float[OUT][IN], dx);
        for (int r = 0; r < ROWS; r++) {
            for (int i = 0; i < IN; i++) {
                double s = 0;
                for (int j = 0; j < OUT; j++) {
                    s += (double) delta[r][j] * w[i][j];
                }
                assertThat(dx[r][i]).isCloseTo((float) s, within(TOLERANCE));
            }
        }
    }

    private float[][] matrix(int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int k = 0; k < cols; k++) {
                row[k] = (float) random.nextGaussian();
            }
        }
        return m;
    }
}

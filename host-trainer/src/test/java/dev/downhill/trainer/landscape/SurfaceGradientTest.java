package dev.downhill.trainer.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each classic surface's analytic gradient against central finite differences, and its known minimum. */
class SurfaceGradientTest {

    /** Central differences with h = 1e-5 on these polynomials are accurate to about 1e-6 relative. */
    private static final double RELATIVE_TOLERANCE = 1e-5;

    private static final double[][] POINTS = {{-1.3, 0.7}, {0.2, -1.9}, {1.5, 1.1}, {0.01, 0.003}};

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        for (Surface2d s : List.of(new Valley(10), new Saddle(), new Rosenbrock())) {
            for (double[] p : POINTS) {
                double[] g = new double[2];
                s.gradient(p[0], p[1], g);
                double h = 1e-5;
                double dx = (s.value(p[0] + h, p[1]) - s.value(p[0] - h, p[1])) / (2 * h);
                double dy = (s.value(p[0], p[1] + h) - s.value(p[0], p[1] - h)) / (2 * h);
                assertThat(g[0]).as("%s d/dx at (%s, %s)", s.getClass().getSimpleName(), p[0], p[1])
                        .isCloseTo(dx, within(RELATIVE_TOLERANCE * Math.max(1, Math.abs(dx))));
                assertThat(g[1]).as("%s d/dy at (%s, %s)", s.getClass().getSimpleName(), p[0], p[1])
                        .isCloseTo(dy, within(RELATIVE_TOLERANCE * Math.max(1, Math.abs(dy))));
            }
        }
    }

    @Test
    void minimaAndTheSaddlePointAreWhereTheJavadocSays() {
        double[] g = new double[2];
        new Rosenbrock().gradient(1, 1, g);
        assertThat(g).containsExactly(new double[] {0, 0}, within(0.0));
        assertThat(new Rosenbrock().value(1, 1)).isZero();
        new Saddle().gradient(0, 0, g);
        assertThat(g).containsExactly(new double[] {0, 0}, within(0.0));
        assertThat(new Saddle().value(0, 1)).isEqualTo(-0.25);
        // The origin of the saddle rises along x and falls along y.
        assertThat(new Saddle().value(0.1, 0)).isPositive();
        assertThat(new Saddle().value(0, 0.1)).isNegative();
        assertThat(new Valley(10).value(0, 0)).isZero();
        assertThat(new Valley(10).largestStableRate()).isEqualTo(0.2);
    }
}

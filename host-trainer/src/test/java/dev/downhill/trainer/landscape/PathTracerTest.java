package dev.downhill.trainer.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PathTracerTest {

    /** Plain gradient descent, the smallest StepRule. */
    private static StepRule descent(double rate) {
        return (p, g) -> {
            p[0] -= rate * g[0];
            p[1] -= rate * g[1];
        };
    }

    @Test
    void recordsEveryStepFromTheStart() {
        DescentPath path = new PathTracer(new Valley(10), 100).trace("gd", descent(0.1), 4, 1, 3);
        assertThat(path.size()).isEqualTo(4);
        // x shrinks by (1 - 0.1) per step, y by (1 - 0.1 * 10) = 0: one step lands on the floor.
        assertThat(path.xs()).containsExactly(new double[] {4, 3.6, 3.24, 2.916}, within(1e-12));
        assertThat(path.ys()).containsExactly(1, 0, 0, 0);
        assertThat(path.diverged()).isFalse();
    }

    @Test
    void aRateAboveTheStabilityLimitDivergesAndStopsEarly() {
        Valley valley = new Valley(10);
        DescentPath path = new PathTracer(valley, 50).trace("too large", descent(valley.largestStableRate() * 1.1), 1, 1, 500);
        assertThat(path.diverged()).isTrue();
        assertThat(path.size()).isLessThan(100);
        // Each step multiplies y by (1 - 2.2) = -1.2: the sign alternates as it bounces out.
        assertThat(path.ys()[1]).isCloseTo(-1.2, within(1e-12));
        assertThat(path.ys()[2]).isCloseTo(1.44, within(1e-12));
    }

    @Test
    void gradientDescentStallsOnTheSaddleWhereTheSlopeIsFlat() {
        DescentPath path = new PathTracer(new Saddle(), 10).trace("gd", descent(0.1), -1.5, 1e-3, 30);
        assertThat(Math.abs(path.endX())).isLessThan(0.1);
        assertThat(Math.abs(path.endY())).isLessThan(0.05);
    }
}

package dev.downhill.trainer.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ContourLinesTest {

    @Test
    void aCircleLevelLiesOnTheCircle() {
        // L = x^2 + y^2; the level 1 iso-line is the unit circle.
        HeightGrid grid = HeightGrid.sample((x, y) -> x * x + y * y, -2, 2, -2, 2, 81, 81);
        ContourLines c = ContourLines.trace(grid, 1.0);
        assertThat(c.segmentCount()).isGreaterThan(40);
        int points = 0;
        for (int i = 0; i < c.xs().length; i++) {
            if (Double.isNaN(c.xs()[i])) {
                assertThat(c.ys()[i]).isNaN();
                continue;
            }
            points++;
            // Linear interpolation on a 0.05 grid is off the true circle by well under a thousandth.
            assertThat(Math.hypot(c.xs()[i], c.ys()[i])).isCloseTo(1.0, within(2e-3));
        }
        assertThat(points).isEqualTo(2 * c.segmentCount());
    }

    @Test
    void aPlaneCrossesEachCellOnceAtTheRightPlace() {
        HeightGrid grid = HeightGrid.sample((x, y) -> x, 0, 4, 0, 2, 5, 3);
        ContourLines c = ContourLines.trace(grid, 1.5);
        assertThat(c.segmentCount()).isEqualTo(2);
        for (int i = 0; i < c.xs().length; i++) {
            if (!Double.isNaN(c.xs()[i])) {
                assertThat(c.xs()[i]).isEqualTo(1.5);
            }
        }
    }

    @Test
    void levelsOutsideTheRangeAndNonFiniteCellsDrawNothing() {
        HeightGrid grid = HeightGrid.sample((x, y) -> x < 1 ? Double.NaN : x, 0, 4, 0, 2, 5, 3);
        assertThat(ContourLines.trace(grid, 10).segmentCount()).isZero();
        assertThat(ContourLines.trace(grid, 0.5).segmentCount()).isZero();
        assertThat(ContourLines.trace(grid, 2.5).segmentCount()).isEqualTo(2);
    }

    @Test
    void levelsAreGeometricAboveTheFloor() {
        HeightGrid grid = HeightGrid.sample((x, y) -> x, 1, 1001, 0, 1, 11, 2);
        double[] levels = ContourLines.levels(grid, 4);
        assertThat(levels[0]).isCloseTo(2, within(1e-9));
        assertThat(levels[1]).isCloseTo(11, within(1e-9));
        assertThat(levels[2]).isCloseTo(101, within(1e-9));
        assertThat(levels[3]).isCloseTo(1001, within(1e-9));
        HeightGrid flat = HeightGrid.sample((x, y) -> 3, 0, 1, 0, 1, 3, 3);
        assertThatThrownBy(() -> ContourLines.levels(flat, 4)).hasMessageContaining("flat");
    }
}

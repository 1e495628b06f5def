package dev.downhill.trainer.landscape;

import java.util.List;

/**
 * Everything one landscape picture shows: the heights, the contour levels, the optimisers' paths and,
 * when known, the minimum.
 *
 * @param title panel title
 * @param xLabel x axis title
 * @param yLabel y axis title
 * @param grid sampled heights; its window is the plotted window
 * @param levels contour levels, increasing
 * @param paths optimiser paths drawn on top, in legend order
 * @param minimum {x, y} of a point to mark (the known minimum, or the trained model), or null
 * @param minimumLabel legend text of that point
 */
public record LandscapeView(String title, String xLabel, String yLabel, HeightGrid grid, double[] levels,
        List<DescentPath> paths, double[] minimum, String minimumLabel) {

    /** A view whose marked point is the surface's minimum. */
    public LandscapeView(String title, String xLabel, String yLabel, HeightGrid grid, double[] levels,
            List<DescentPath> paths, double[] minimum) {
        this(title, xLabel, yLabel, grid, levels, paths, minimum, "minimum");
    }

    public LandscapeView {
        paths = List.copyOf(paths);
        if (levels.length == 0) {
            throw new IllegalArgumentException("a landscape needs at least one contour level");
        }
        if (minimum != null && minimum.length != 2) {
            throw new IllegalArgumentException("minimum must be {x, y}");
        }
    }
}

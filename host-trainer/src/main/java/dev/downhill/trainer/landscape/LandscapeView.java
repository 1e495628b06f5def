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
 * @param minimum {x, y} of the known minimum, or null
 */
public record LandscapeView(String title, String xLabel, String yLabel, HeightGrid grid, double[] levels,
        List<DescentPath> paths, double[] minimum) {

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

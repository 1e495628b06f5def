package dev.downhill.trainer.landscape;

import dev.downhill.trainer.optim.OptimizerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The classic two-parameter pictures of the lesson, each a surface, a window, a start point and a few
 * optimiser runs chosen to show one thing:
 * <ul>
 *   <li>{@code step-size}: plain SGD on the valley with a rate that crawls, one that zig-zags and one just
 *       above the stability limit that bounces out;</li>
 *   <li>{@code valley}: SGD, momentum and Adam on the same valley;</li>
 *   <li>{@code saddle}: starting almost exactly on the ridge line of a saddle, SGD lingers, momentum
 *       slides off;</li>
 *   <li>{@code rosenbrock}: the banana, where the walls force a small rate that then crawls along the
 *       floor.</li>
 * </ul>
 */
public final class ClassicLandscapes {

    /** The picture names, in the order {@code all} draws them. */
    public static final List<String> NAMES = List.of("step-size", "valley", "saddle", "rosenbrock");

    private static final int GRID = 161;
    private static final int LEVELS = 16;
    private static final double VALLEY_STEEPNESS = 10;

    private ClassicLandscapes() {
    }

    /** One optimiser run: which optimiser, its rate and (for momentum) its coefficient. */
    record Run(OptimizerKind kind, double rate, double momentum) {
        String label() {
            String name = switch (kind) {
                case SGD -> "SGD";
                case MOMENTUM -> "momentum " + number(momentum);
                case NESTEROV -> "Nesterov " + number(momentum);
                case ADAM -> "Adam";
                case ADAMW -> "AdamW";
            };
            return name + ", lr " + number(rate);
        }
    }

    /**
     * The named picture, or every picture for {@code "all"}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static List<LandscapeView> views(String name) {
        if (name.equals("all")) {
            List<LandscapeView> all = new ArrayList<>();
            for (String n : NAMES) {
                all.add(view(n));
            }
            return all;
        }
        return List.of(view(name));
    }

    /** One named picture. */
    public static LandscapeView view(String name) {
        return switch (name) {
            case "step-size" -> scene("Valley: the learning rate is the step size", new Valley(VALLEY_STEEPNESS),
                    new double[] {-5, 5, -2, 2}, new double[] {0, 0}, -4.5, 1.5, 40,
                    new Run(OptimizerKind.SGD, 0.02, 0), new Run(OptimizerKind.SGD, 0.18, 0),
                    new Run(OptimizerKind.SGD, 0.21, 0));
            case "valley" -> scene("Valley: SGD, momentum, Adam", new Valley(VALLEY_STEEPNESS),
                    new double[] {-5, 5, -2, 2}, new double[] {0, 0}, -4.5, 1.5, 40,
                    new Run(OptimizerKind.SGD, 0.1, 0), new Run(OptimizerKind.MOMENTUM, 0.02, 0.9),
                    new Run(OptimizerKind.ADAM, 0.3, 0));
            case "saddle" -> scene("Saddle: momentum slides off", new Saddle(),
                    new double[] {-2, 2, -1.6, 1.6}, null, -1.8, 0.001, 60,
                    new Run(OptimizerKind.SGD, 0.1, 0), new Run(OptimizerKind.MOMENTUM, 0.1, 0.9),
                    new Run(OptimizerKind.ADAM, 0.1, 0));
            case "rosenbrock" -> scene("Rosenbrock: a curved valley", new Rosenbrock(),
                    new double[] {-2, 2, -1, 3}, new double[] {1, 1}, -1.2, 1, 1000,
                    new Run(OptimizerKind.SGD, 0.001, 0), new Run(OptimizerKind.MOMENTUM, 0.0005, 0.9),
                    new Run(OptimizerKind.ADAM, 0.05, 0));
            default -> throw new IllegalArgumentException("unknown classic landscape '" + name
                    + "' (expected all, " + String.join(", ", NAMES) + ")");
        };
    }

    private static LandscapeView scene(String title, Surface2d surface, double[] window, double[] minimum,
            double x0, double y0, int steps, Run... runs) {
        HeightGrid grid = HeightGrid.sample(surface::value, window[0], window[1], window[2], window[3], GRID, GRID);
        // A run that gets two windows away from its start has diverged: say so in the legend.
        double escape = 2 * Math.max(window[1] - window[0], window[3] - window[2]);
        PathTracer tracer = new PathTracer(surface, escape);
        List<DescentPath> paths = new ArrayList<>();
        for (Run r : runs) {
            StepRule rule = new OptimizerStepRule(r.kind().create(r.momentum(), 0), r.rate());
            paths.add(tracer.trace(r.label(), rule, x0, y0, steps));
        }
        return new LandscapeView(title, "x", "y", grid, ContourLines.levels(grid, LEVELS), paths, minimum);
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}

package dev.downhill.trainer.train;

import dev.downhill.trainer.data.Examples;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.nn.BatchBuffers;
import dev.downhill.trainer.nn.Loss;
import dev.downhill.trainer.schedule.ScheduleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A learning-rate range test: a short run (same seed, same start) at each of a list of rates with a constant
 * schedule, then the loss on the whole training set. Rates that are too small barely move the loss, rates
 * that are too large bounce or diverge; the useful ones lie in between.
 *
 * <p>Suggestion: the rate with the lowest final loss; if the next larger rate diverged, one rate lower, since
 * a full-length run at the very edge of stability tends to blow up later.
 */
public final class LearningRateSweep {
    /** One short run: its rate and final training loss (NaN when it diverged). */
    public record Point(double rate, double loss, boolean diverged) {
    }

    /** All points in rate order and the suggested one (empty when every run diverged). */
    public record Result(List<Point> points, Optional<Point> suggestion) {
    }

    private LearningRateSweep() {
    }

    /** {@code count} rates spaced evenly on a log scale from {@code min} to {@code max}, both included. */
    public static double[] logSpaced(double min, double max, int count) {
        if (!(min > 0) || !(max > min) || count < 2) {
            throw new IllegalArgumentException("need 0 < min < max and count >= 2");
        }
        double[] rates = new double[count];
        double a = Math.log10(min);
        double b = Math.log10(max);
        for (int i = 0; i < count; i++) {
            // Rounded to 3 significant digits so rates print as the numbers a user would type.
            double r = Math.pow(10, a + (b - a) * i / (count - 1));
            rates[i] = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", r));
        }
        return rates;
    }

    /**
     * Runs the sweep.
     *
     * @param base     optimiser, network, batch, epochs and seed for every short run; its rate and schedule
     *                 are replaced, patience ignored
     * @param listener told about each finished run, as one "epoch" record whose epoch is the run's index
     */
    public static Result run(Examples train, TrainingConfig base, double[] rates, TrainingListener listener) {
        List<Point> points = new ArrayList<>();
        for (double rate : rates) {
            TrainingConfig config = base.toBuilder().learningRate(rate).schedule(ScheduleSpec.constant())
                    .patience(0).build();
            Point p;
            try {
                TrainingResult r = new Trainer(config, TargetScaling.IDENTITY).train(train, null, TrainingListener.NONE);
                ValidationMetrics m = ValidationMetrics.compute(r.network(), train, Loss.forExamples(train),
                        new BatchBuffers(r.network(), 256), 1);
                p = Double.isFinite(m.loss()) ? new Point(rate, m.loss(), false) : new Point(rate, Double.NaN, true);
            } catch (DivergenceException e) {
                p = new Point(rate, Double.NaN, true);
            }
            points.add(p);
            listener.onEpoch(new EpochRecord(points.size(), rate, p.loss(), Double.NaN, Double.NaN, 0));
        }
        return new Result(points, suggest(points));
    }

    static Optional<Point> suggest(List<Point> points) {
        int best = -1;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!p.diverged() && (best < 0 || p.loss() < points.get(best).loss())) {
                best = i;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        if (best + 1 < points.size() && points.get(best + 1).diverged() && best > 0
                && !points.get(best - 1).diverged()) {
            best--;
        }
        return Optional.of(points.get(best));
    }
}

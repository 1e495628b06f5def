package dev.downhill.trainer.cli;

import dev.downhill.trainer.train.EpochRecord;
import dev.downhill.trainer.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on stderr: a live bar (epoch, loss, ETA) on a terminal; plain log lines (about ten per
 * run, plus the first and last epoch) when stderr is not a terminal ({@code System.console() == null}: pipes,
 * CI logs, tests), where a bar's carriage returns would garble the output; nothing with {@code --quiet}.
 */
final class ConsoleProgress implements TrainingListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final String what;
    private ProgressBar bar;
    private int epochs;
    private long startNanos;

    ConsoleProgress(PrintWriter err, boolean quiet, String what) {
        this(err, quiet, System.console() != null, what);
    }

    ConsoleProgress(PrintWriter err, boolean quiet, boolean terminal, String what) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
        this.what = what;
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch) {
        this.epochs = epochs;
        this.startNanos = System.nanoTime();
        if (quiet) {
            return;
        }
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(what).setInitialMax(epochs)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" epochs", 1).build();
        }
    }

    @Override
    public void onEpoch(EpochRecord r) {
        if (quiet) {
            return;
        }
        String loss = r.hasValidation()
                ? String.format(Locale.ROOT, "loss %.4f val %.4f", r.trainLoss(), r.validationLoss())
                : String.format(Locale.ROOT, "loss %.4f", r.trainLoss());
        if (bar != null) {
            bar.stepTo(r.epoch());
            bar.setExtraMessage(loss);
            return;
        }
        int every = Math.max(1, epochs / 10);
        if (r.epoch() == 1 || r.epoch() % every == 0 || r.epoch() == epochs) {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double eta = elapsed / r.epoch() * (epochs - r.epoch());
            err.printf(Locale.ROOT, "%s: epoch %d/%d  %s  lr %.3g  eta %.1fs%n", what, r.epoch(), epochs, loss,
                    r.learningRate(), eta);
            err.flush();
        }
    }

    @Override
    public void onFinish() {
        close();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

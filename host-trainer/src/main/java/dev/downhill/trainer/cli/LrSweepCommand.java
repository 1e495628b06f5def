package dev.downhill.trainer.cli;

import dev.downhill.trainer.data.PreparedData;
import dev.downhill.trainer.io.AtomicFileWriter;
import dev.downhill.trainer.plot.LrSweepPlot;
import dev.downhill.trainer.train.EpochRecord;
import dev.downhill.trainer.train.LearningRateSweep;
import dev.downhill.trainer.train.TrainingConfig;
import dev.downhill.trainer.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code downhill lr-sweep}: the learning-rate range test. */
@Command(name = "lr-sweep", mixinStandardHelpOptions = true,
        description = {"Learning-rate range test: train briefly at log-spaced rates, plot the final training loss "
                + "against the rate (lr-sweep.png, lr-sweep.csv) and suggest a rate for 'downhill train'.",
            "Example: downhill lr-sweep --data bundled:digits-train --label label"})
final class LrSweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--min-lr", defaultValue = "0.0001", paramLabel = "RATE",
            description = "Smallest rate tried. Default: ${DEFAULT-VALUE}.")
    double minLr;

    @Option(names = "--max-lr", defaultValue = "1", paramLabel = "RATE",
            description = "Largest rate tried. Default: ${DEFAULT-VALUE}.")
    double maxLr;

    @Option(names = "--rates", defaultValue = "9", paramLabel = "N",
            description = "Number of rates, log-spaced. Default: ${DEFAULT-VALUE}.")
    int rates;

    @Option(names = "--epochs", defaultValue = "3", paramLabel = "N",
            description = "Epochs per short run. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--out", defaultValue = "lr-sweep", paramLabel = "DIR",
            description = "Output directory for lr-sweep.png and lr-sweep.csv. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        if (!(minLr > 0) || !(maxLr > minLr) || rates < 2) {
            throw ModelOptions.usage(spec, "need 0 < --min-lr < --max-lr and --rates >= 2");
        }
        TrainingConfig.Builder b = modelOptions.toBuilder(spec);
        DataOptions.parse(spec, "--epochs", () -> b.epochs(epochs));
        TrainingConfig base = b.build();
        PreparedData data = PreparedData.prepare(dataOptions.toSpec(spec, base.seed()));
        double[] grid = LearningRateSweep.logSpaced(minLr, maxLr, rates);
        PrintWriter err = spec.commandLine().getErr();
        dataOptions.printNotes(err, data);
        TrainingListener progress = new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord r) {
                if (!quiet) {
                    err.printf(Locale.ROOT, "lr-sweep: %d/%d  lr %-8s loss %s%n", r.epoch(), grid.length,
                            r.learningRate(), Double.isNaN(r.trainLoss()) ? "diverged"
                                    : String.format(Locale.ROOT, "%.4f", r.trainLoss()));
                    err.flush();
                }
            }
        };
        LearningRateSweep.Result result = LearningRateSweep.run(data.trainExamples(), base, grid, progress);

        StringBuilder csv = new StringBuilder("learning_rate,final_train_loss,diverged\n");
        for (LearningRateSweep.Point p : result.points()) {
            csv.append(p.rate()).append(',').append(p.diverged() ? "" : Double.toString(p.loss())).append(',')
                    .append(p.diverged()).append('\n');
        }
        AtomicFileWriter.write(out.resolve("lr-sweep.csv"), csv.toString());
        LrSweepPlot.write(result, "downhill lr-sweep: " + base.optimizer().id() + ", " + epochs + " epochs",
                out.resolve("lr-sweep.png"));
        PrintWriter stdout = spec.commandLine().getOut();
        if (result.suggestion().isPresent()) {
            double rate = result.suggestion().get().rate();
            stdout.printf(Locale.ROOT, "suggested learning rate: %s (downhill train --optimizer %s --lr %s)%n",
                    rate, base.optimizer().id(), rate);
        } else {
            stdout.println("every rate diverged; try a smaller --min-lr");
        }
        stdout.println("plot written to " + out.resolve("lr-sweep.png"));
        stdout.flush();
        return ExitCodes.OK;
    }
}

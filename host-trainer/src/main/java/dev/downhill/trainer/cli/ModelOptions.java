package dev.downhill.trainer.cli;

import dev.downhill.trainer.optim.OptimizerKind;
import dev.downhill.trainer.train.TrainingConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by commands that train: network shape, optimiser, batch size, seed. */
final class ModelOptions {
    @Option(names = "--hidden", defaultValue = "32,16", paramLabel = "N[,N...]",
            description = "Hidden layer widths, comma separated, or 'none' for a linear model. "
                    + "Default: ${DEFAULT-VALUE}.")
    String hidden;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME",
            description = "sgd, momentum, nesterov, adam or adamw. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "MU",
            description = "Momentum for momentum and nesterov. Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA",
            description = "Weight decay (L2; decoupled for adamw). Default: 0, or 0.01 for adamw.")
    Double weightDecay;

    @Option(names = "--clip", defaultValue = "0", paramLabel = "NORM",
            description = "Clip the gradient's global L2 norm to NORM; 0 = off. Default: ${DEFAULT-VALUE}.")
    double clip;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N",
            description = "Mini-batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed for the validation split, initialisation and shuffling. Same seed, data and "
                    + "flags give a bit-identical model. Default: ${DEFAULT-VALUE}.")
    long seed;

    /** A builder with these options applied; bad values are usage errors. */
    TrainingConfig.Builder toBuilder(CommandSpec spec) {
        OptimizerKind kind = DataOptions.parse(spec, "--optimizer", () -> OptimizerKind.fromId(optimizer));
        double decay = weightDecay != null ? weightDecay : kind == OptimizerKind.ADAMW ? 0.01 : 0;
        TrainingConfig.Builder b = TrainingConfig.builder();
        DataOptions.parse(spec, "--hidden", () -> b.hidden(widths(hidden)));
        DataOptions.parse(spec, "--optimizer", () -> b.optimizer(kind).momentum(momentum).weightDecay(decay)
                .build());
        DataOptions.parse(spec, "--clip", () -> b.clipNorm(clip));
        DataOptions.parse(spec, "--batch", () -> b.batchSize(batch));
        return b.seed(seed);
    }

    static int[] widths(String text) {
        if (text.equals("none") || text.isBlank()) {
            return new int[0];
        }
        String[] parts = text.split(",");
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i].trim() + "' is not a layer width (e.g. 32,16)");
            }
            if (w[i] <= 0 || w[i] > 65536) {
                throw new IllegalArgumentException("layer width " + w[i] + " is outside 1..65536");
            }
        }
        return w;
    }

    /** For messages when a bad value slipped past parsing. */
    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}

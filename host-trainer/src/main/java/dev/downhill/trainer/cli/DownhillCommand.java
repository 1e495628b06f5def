package dev.downhill.trainer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code downhill} command. Every subcommand is listed here, in {@code subcommands}, and nowhere else:
 * to add one, write a {@code Callable<Integer>} class annotated with {@code @Command(name = ...,
 * mixinStandardHelpOptions = true)} and add it to the list.
 */
@Command(name = "downhill",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train small neural networks on CSV data and take them down to microcontrollers.",
        subcommands = {
            // ---- the subcommand list: keep it in this one place ----
            TrainCommand.class,
            EvalCommand.class,
            LrSweepCommand.class,
            QuantizeCommand.class,
            ExportCommand.class,
            InspectCommand.class,
            PredictCommand.class,
            AdaptCommand.class,
            ImportTfliteCommand.class,
            CheckCommand.class,
            DemoCommand.class,
            LandscapeCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class DownhillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Inherited by every subcommand: print stack traces of errors. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On error, also print the stack trace.")
    boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}

package dev.downhill.trainer.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code downhill.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns its exit code; used by {@link #main} and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The configured picocli command line: error handling, output streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine cmd = new CommandLine(new DownhillCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        cmd.setUsageHelpAutoWidth(true);
        return cmd;
    }
}

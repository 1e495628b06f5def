package dev.downhill.trainer.cli;

import dev.downhill.runtime.ModelFormatException;
import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.tflite.TfliteExportException;
import dev.downhill.trainer.tflite.TfliteImportException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns failures into a line on stderr and an exit code ({@link ExitCodes}):
 * <ul>
 *   <li>{@link DownhillException} (bad data, bad model file, divergence, ...), the runtime's
 *       {@link ModelFormatException} and the TFLite import/export exceptions: their message, exit 1;</li>
 *   <li>a bad command line: picocli's message plus a hint to use --help, exit 2;</li>
 *   <li>anything else is a bug: "internal error", exit 3.</li>
 * </ul>
 * Stack traces are printed only with {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean verbose = verbose(parseResult);
        int code;
        if (isExpected(ex)) {
            err.println("downhill: " + oneLine(ex.getMessage()));
            code = ExitCodes.FAILED;
        } else if (ex instanceof CommandLine.ParameterException pe) {
            return handleParseException(pe, new String[0]);
        } else {
            err.println("downhill: internal error: " + ex + (verbose ? "" : " (rerun with --verbose for details)"));
            code = ExitCodes.INTERNAL;
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("downhill: " + oneLine(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        if (argsContainVerbose(args)) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Failures caused by the user's input, as opposed to bugs: reported as their message alone. */
    private static boolean isExpected(Exception ex) {
        return ex instanceof DownhillException || ex instanceof ModelFormatException
                || ex instanceof TfliteImportException || ex instanceof TfliteExportException;
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static boolean argsContainVerbose(String[] args) {
        for (String a : args) {
            if ("--verbose".equals(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Messages are one line by contract; collapse any stray newline so the promise holds. A line ending in a colon
     * introduces what follows (a list), so it keeps its colon alone rather than gaining a "; " after it.
     */
    static String oneLine(String message) {
        return message == null ? "(no message)"
                : message.replaceAll(":\\s*\\R\\s*", ": ").replaceAll("\\s*\\R\\s*", "; ");
    }
}

package dev.downhill.trainer.cli;

/** Process exit codes of {@code downhill}, the same for every subcommand. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The input was wrong or training failed (bad data, unreadable model, divergence): see the message. */
    public static final int FAILED = 1;
    /** The command line was wrong (unknown option, bad option value). */
    public static final int USAGE = 2;
    /** A bug in downhill: an unexpected exception. Rerun with --verbose and report the stack trace. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}

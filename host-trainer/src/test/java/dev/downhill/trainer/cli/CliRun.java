package dev.downhill.trainer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code downhill} command line: exit code and captured output. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The error output, which must be exactly one line. */
    String errorLine() {
        String e = err.strip();
        if (e.isEmpty() || e.contains("\n")) {
            throw new AssertionError("expected exactly one error line, got:\n" + err);
        }
        return e;
    }
}

package dev.downhill.trainer.cli;

import dev.downhill.trainer.data.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Refuses an {@code --out} that is one of the command's own inputs: {@code predict --data t.csv --out t.csv} would
 * replace the user's data with predictions (atomically, so completely). Compared as files, so {@code ./t.csv} and
 * a symbolic link to it count too.
 */
final class OutputPath {
    private OutputPath() {
    }

    /**
     * A usage error (exit 2) when {@code out} is the file {@code input} names.
     *
     * @param option the input's option, for the message ({@code --data})
     * @param input  a file path, {@code bundled:NAME} (never a file on disk) or {@code null} (no such input)
     */
    static void notInput(CommandSpec spec, Path out, String option, String input) {
        if (input == null || input.startsWith(DataSource.BUNDLED_PREFIX) || !Files.exists(out)) {
            return;
        }
        boolean same;
        try {
            same = Files.isSameFile(out, Path.of(input));
        } catch (IOException | RuntimeException e) {
            return; // an input that cannot be opened is reported by the command when it reads it
        }
        if (same) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is the " + option
                    + " file; writing it would replace the input: choose another output file");
        }
    }
}

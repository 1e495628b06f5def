package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LrSweepCommandTest {
    @Test
    void writesPlotAndCsvAndSuggestsARate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        CliRun run = CliRun.of("lr-sweep", "--data", "bundled:iris", "--label", "label", "--hidden", "8",
                "--min-lr", "0.001", "--max-lr", "10000", "--rates", "8", "--epochs", "2", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("lr-sweep: 1/8  lr 0.001").contains("diverged");
        assertThat(run.out()).containsPattern("suggested learning rate: [0-9.]+ \\(downhill train --optimizer adam --lr ");
        assertThat(Files.readAllLines(out.resolve("lr-sweep.csv"))).hasSize(9)
                .first().isEqualTo("learning_rate,final_train_loss,diverged");
        assertThat(Files.size(out.resolve("lr-sweep.png"))).isGreaterThan(1000);
    }

    @Test
    void badRangeIsAUsageError() {
        CliRun run = CliRun.of("lr-sweep", "--data", "bundled:iris", "--label", "label", "--min-lr", "1",
                "--max-lr", "0.1");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errorLine()).contains("need 0 < --min-lr < --max-lr");
    }
}

package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line messages of {@code downhill train}, one test per kind of bad input. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private CliRun train(Path data, String... extra) {
        String[] args = new String[6 + extra.length];
        args[0] = "train";
        args[1] = "--data";
        args[2] = data.toString();
        args[3] = "--label";
        args[4] = "label";
        args[5] = "--quiet";
        System.arraycopy(extra, 0, args, 6, extra.length);
        return CliRun.of(args);
    }

    private void assertFails(CliRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errorLine()).isEqualTo("downhill: " + message);
        assertThat(Files.exists(dir.resolve("model"))).isFalse();
    }

    /** A wide file lists its first columns and its last, and a regression names itself. */
    @Test
    void theColumnsLineShortensAWideFileAndNamesRegression() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            csv.append('f').append(i).append(',');
        }
        csv.append("y\n");
        java.util.Random r = new java.util.Random(2);
        for (int row = 0; row < 40; row++) {
            double y = 0;
            for (int i = 0; i < 30; i++) {
                int v = r.nextInt(10);
                y += v;
                csv.append(v).append(',');
            }
            csv.append(y).append('\n');
        }
        Path data = dir.resolve("wide.csv");
        Files.writeString(data, csv);
        CliRun run = CliRun.of("train", "--data", data.toString(), "--label", "y", "--task", "regress", "--epochs", "2",
                "--quiet", "--out", dir.resolve("wide").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("features: 30 columns (f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, ... (30 in "
                + "all), f29); label: y (regression)" + System.lineSeparator());
    }

    @Test
    void trainsIrisAndWritesModelLogAndPlot() throws IOException {
        Path out = dir.resolve("iris-model");
        CliRun run = CliRun.of("train", "--data", "bundled:iris-train", "--test", "bundled:iris-test", "--label",
                "label", "--epochs", "20", "--hidden", "8", "--lr", "0.02", "--standardize", "per-feature",
                "--quiet", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("features: 4 columns (sepal_length_cm, sepal_width_cm, petal_length_cm, "
                        + "petal_width_cm);"
                        + " label: label (3 classes)" + System.lineSeparator())
                .contains("trained 20 epochs on 120 examples; validation accuracy")
                .contains("model written to " + out);
        assertThat(Files.readString(out.resolve("model.json"))).contains("\"formatVersion\" : 1");
        assertThat(Files.readAllLines(out.resolve("train-log.csv"))).hasSize(21)
                .first().isEqualTo("epoch,learning_rate,train_loss,val_loss,val_accuracy,seconds");
        assertThat(Files.size(out.resolve("loss.png"))).isGreaterThan(1000);
    }

    /**
     * Columns in different units, as in UCI wine: 'weight' spans 0..1000 and is noise, the class is decided by
     * 'ratio', which spans 0..1. One global deviation (about 290) squashes 'ratio' to a near-constant; the default
     * must notice the spread and standardise per feature.
     */
    @Test
    void theDefaultStandardisationLearnsColumnsInDifferentUnits() throws IOException {
        StringBuilder sb = new StringBuilder("weight,ratio,label\n");
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 400; i++) {
            double ratio = r.nextDouble();
            sb.append(String.format(java.util.Locale.ROOT, "%.1f,%.4f,%s%n", r.nextDouble() * 1000, ratio,
                    ratio > 0.5 ? "high" : "low"));
        }
        Path data = csv("units.csv", sb.toString());
        Path out = dir.resolve("units");
        CliRun run = train(data, "--epochs", "20", "--hidden", "8", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("standardisation: per-feature (auto: column ranges differ by a factor of ")
                .contains("'weight' spans").contains("'ratio'");
        CliRun eval = CliRun.of("eval", "--model", out.toString(), "--data", data.toString(), "--json");
        double accuracy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(eval.out()).get("accuracy")
                .doubleValue();
        assertThat(accuracy).isGreaterThan(0.9);

        CliRun global = train(data, "--epochs", "1", "--standardize", "global", "--out", dir.resolve("g").toString());
        assertThat(global.exitCode()).isZero();
        assertThat(global.err()).startsWith("warning: --standardize global, but column ranges differ by a factor of ");
    }

    @Test
    void regressionLearnsASineAsTfliteMicrosHelloWorld() throws IOException {
        StringBuilder sb = new StringBuilder("x,y\n");
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < 500; i++) {
            double x = r.nextDouble() * 2 * Math.PI;
            sb.append(x).append(',').append(Math.sin(x)).append('\n');
        }
        Path data = csv("sine.csv", sb.toString());
        Path out = dir.resolve("sine");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--label", "y", "--task", "regress", "--hidden",
                "16,16", "--epochs", "100", "--quiet", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("validation RMSE");
        assertThat(Files.readAllLines(out.resolve("train-log.csv")).get(0)).endsWith(",val_rmse,seconds");
        CliRun eval = CliRun.of("eval", "--model", out.toString(), "--data", data.toString(), "--json");
        assertThat(eval.exitCode()).isZero();
        double rmse = new com.fasterxml.jackson.databind.ObjectMapper().readTree(eval.out()).get("rmse").doubleValue();
        assertThat(rmse).isLessThan(0.1);
    }

    @Test
    void sameSeedGivesIdenticalFiles() throws IOException {
        for (String name : new String[] {"a", "b"}) {
            CliRun run = CliRun.of("train", "--data", "bundled:iris", "--label", "label", "--epochs", "5",
                    "--quiet", "--seed", "9", "--out", dir.resolve(name).toString());
            assertThat(run.exitCode()).isZero();
        }
        assertThat(Files.readString(dir.resolve("a/model.json"))).isEqualTo(Files.readString(dir.resolve("b/model.json")));
        assertThat(withoutSeconds(dir.resolve("a/train-log.csv"))).isEqualTo(withoutSeconds(dir.resolve("b/train-log.csv")));
    }

    private static String withoutSeconds(Path log) throws IOException {
        return Files.readString(log).replaceAll(",[0-9.]+\n", "\n");
    }

    @Test
    void plainProgressLinesWhenNotATerminal() {
        CliRun run = CliRun.of("train", "--data", "bundled:iris", "--label", "label", "--epochs", "20",
                "--out", dir.resolve("m").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).startsWith("train: epoch 1/20  loss ").contains("train: epoch 20/20").doesNotContain("\r");
        assertThat(run.err().lines().count()).isEqualTo(11);
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.csv");
        assertFails(train(missing, "--out", dir.resolve("model").toString()), missing + ": no such file");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = csv("empty.csv", "");
        assertFails(train(f, "--out", dir.resolve("model").toString()),
                f + ": file is empty (expected a header row and data rows)");
    }

    @Test
    void noHeader() throws IOException {
        Path f = csv("noheader.csv", "1,2,0\n3,4,1\n");
        assertFails(train(f, "--out", dir.resolve("model").toString()), f + ":1: no header row: the first row "
                + "holds numbers, not column names (add a first line such as 'x1,x2,label')");
    }

    @Test
    void unknownLabelColumn() throws IOException {
        Path f = csv("nolabel.csv", "a,b,class\n1,2,0\n3,4,1\n");
        assertFails(train(f, "--out", dir.resolve("model").toString()),
                f + ":1: no label column 'label'; the columns are: a, b, class");
    }

    @Test
    void nonNumericFeature() throws IOException {
        Path f = csv("text.csv", "a,b,label\n1,2,0\n3,four,1\n");
        assertFails(train(f, "--out", dir.resolve("model").toString()), f + ":3:2: column 'b': not a number: 'four'; to train without this column, add --ignore b");
    }

    @Test
    void missingValue() throws IOException {
        Path f = csv("hole.csv", "a,b,label\n1,2,0\n,4,1\n");
        assertFails(train(f, "--out", dir.resolve("model").toString()), f + ":3:1: column 'a': missing value");
    }

    @Test
    void nanAndInfinity() throws IOException {
        Path nan = csv("nan.csv", "a,b,label\n1,nan,0\n3,4,1\n");
        assertFails(train(nan, "--out", dir.resolve("model").toString()),
                nan + ":2:2: column 'b': 'nan' is not allowed: values must be finite numbers");
        Path inf = csv("inf.csv", "a,b,label\n1,2,0\nInfinity,4,1\n");
        assertFails(train(inf, "--out", dir.resolve("model").toString()),
                inf + ":3:1: column 'a': 'Infinity' is not allowed: values must be finite numbers");
    }

    @Test
    void raggedRow() throws IOException {
        Path f = csv("ragged.csv", "a,b,label\n1,2,0\n3,4,1,5\n");
        assertFails(train(f, "--out", dir.resolve("model").toString()), f + ":3: row has 4 fields but the header has 3");
    }

    @Test
    void singleClass() throws IOException {
        Path f = csv("one.csv", "a,b,label\n1,2,7\n3,4,7\n");
        assertFails(train(f, "--out", dir.resolve("model").toString()), f + ": label column 'label' holds a single "
                + "class ('7'); classification needs at least two classes");
    }

    @Test
    void divergenceNamesTheRateAndWritesNothing() {
        Path out = dir.resolve("model");
        CliRun run = CliRun.of("train", "--data", "bundled:iris", "--label", "label", "--optimizer", "sgd",
                "--lr", "50000", "--schedule", "constant", "--epochs", "5", "--quiet", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errorLine()).startsWith("downhill: training diverged in epoch 1: ")
                .endsWith("with learning rate 50000; try a smaller one, e.g. --lr 5000 (no model written)");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun unknown = CliRun.of("train", "--data", "bundled:iris", "--label", "label", "--colour", "red");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.errorLine()).startsWith("downhill: Unknown options: '--colour', 'red'")
                .endsWith("(see 'downhill train --help')");
        CliRun optimizer = CliRun.of("train", "--data", "bundled:iris", "--label", "label", "--optimizer", "lbfgs");
        assertThat(optimizer.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(optimizer.errorLine()).isEqualTo("downhill: --optimizer: unknown optimizer 'lbfgs' (expected sgd, "
                + "momentum, nesterov, adam or adamw) (see 'downhill train --help')");
        CliRun split = CliRun.of("train", "--data", "bundled:iris", "--label", "label", "--val-split", "1.5");
        assertThat(split.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(split.errorLine()).contains("--val-split must be in [0, 1), got 1.5");
        CliRun both = CliRun.of("train", "--data", "bundled:iris", "--label", "label", "--val-split", "0.1",
                "--test", "bundled:iris-test");
        assertThat(both.errorLine()).contains("--test and --val-split cannot be used together");
        CliRun hidden = CliRun.of("train", "--data", "bundled:iris", "--label", "label", "--hidden", "32,x");
        assertThat(hidden.errorLine()).contains("--hidden: 'x' is not a layer width");
        CliRun required = CliRun.of("train", "--data", "bundled:iris");
        assertThat(required.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(required.errorLine()).contains("Missing required option: '--label=COLUMN'");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        CliRun run = CliRun.of("train", "--data", dir.resolve("nope.csv").toString(), "--label", "label",
                "--verbose", "--quiet");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("no such file").contains("\tat dev.downhill.trainer.data.DataSource");
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.of("train", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--data=FILE").contains("--standardize=auto|global|per-feature")
                .contains("Default: 0.01");
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("downhill ");
        CliRun bare = CliRun.of();
        assertThat(bare.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.err()).contains("Commands:").contains("train").contains("eval").contains("lr-sweep");
    }
}

package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainIris() {
        model = dir.resolve("iris");
        CliRun run = CliRun.of("train", "--data", "bundled:iris-train", "--label", "label", "--epochs", "30",
                "--hidden", "8", "--lr", "0.02", "--standardize", "per-feature", "--quiet", "--out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void textReport() {
        CliRun run = CliRun.of("eval", "--model", model.toString(), "--data", "bundled:iris-test");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("accuracy ").contains("of 30)").contains("precision  recall  support")
                .contains("confusion matrix (rows: actual, columns: predicted)");
    }

    @Test
    void jsonReportAgreesWithTheConfusionMatrix() throws Exception {
        CliRun run = CliRun.of("eval", "--model", model.toString(), "--data", "bundled:iris-test", "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("examples").intValue()).isEqualTo(30);
        int diagonal = 0;
        for (int c = 0; c < 3; c++) {
            diagonal += json.at("/confusion/" + c + "/" + c).intValue();
        }
        assertThat(json.get("correct").intValue()).isEqualTo(diagonal);
        assertThat(json.get("accuracy").doubleValue()).isEqualTo(diagonal / 30.0).isGreaterThan(0.8);
    }

    @Test
    void missingModelDirectory() {
        Path nowhere = dir.resolve("nowhere");
        CliRun run = CliRun.of("eval", "--model", nowhere.toString(), "--data", "bundled:iris-test");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errorLine()).isEqualTo("downhill: " + nowhere + ": no such file (expected a model directory "
                + "written by 'downhill train')");
    }

    /** A regression model scored against one of its own inputs would print an RMSE that means nothing. */
    @Test
    void aLabelThatIsAFeatureOfTheModelIsRefused() {
        Path regressor = dir.resolve("petal-width");
        CliRun train = CliRun.of("train", "--data", "bundled:iris-train", "--label", "petal_width_cm", "--ignore",
                "label", "--task", "regress", "--epochs", "2", "--hidden", "4", "--quiet", "--out", regressor.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        CliRun run = CliRun.of("eval", "--model", regressor.toString(), "--data", "bundled:iris-test", "--label",
                "sepal_length_cm");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errorLine()).isEqualTo("downhill: bundled:iris-test:1: label column 'sepal_length_cm' is a "
                + "feature of the model, not its label: name the column that holds what the model predicts");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void dataWithAnUnknownLabel() throws Exception {
        Path f = dir.resolve("odd.csv");
        Files.writeString(f, "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,label\n5,3,1,0.2,9\n");
        CliRun run = CliRun.of("eval", "--model", model.toString(), "--data", f.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errorLine()).isEqualTo("downhill: " + f + ":2:5: column 'label': label '9' is not one of the "
                + "3 classes the model knows (0, 1, 2)");
    }
}

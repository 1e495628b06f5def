package dev.downhill.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.downhill.runtime.Model;
import dev.downhill.trainer.export.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The columns a user does not want as features: {@code --ignore} when training, and files for a trained model
 * that carry extra columns (an id, the label, notes), across train, lr-sweep, eval, quantize and predict.
 */
class ColumnSelectionTest {
    @TempDir
    Path dir;

    /**
     * Two classes told apart by x and y; an 'id' column counting the rows from 0 and a free-text 'note'. The
     * classes alternate, so the id carries no class information but would be a feature if not left out.
     */
    private Path animals(String name, int rows, int firstId) throws IOException {
        StringBuilder s = new StringBuilder("id,x,note,y,label\n");
        for (int i = 0; i < rows; i++) {
            boolean cat = i % 2 == 0;
            s.append(String.format(Locale.ROOT, "%d,%d,%s,%d,%s%n", firstId + i, (cat ? 10 : 30) + i % 7,
                    cat ? "\"purrs, a lot\"" : "barks", (cat ? 5 : 20) + i % 5, cat ? "cat" : "dog"));
        }
        Path f = dir.resolve(name);
        Files.writeString(f, s);
        return f;
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void ignoredColumnsAreLeftOutOfTheModelAndItsDhmMetadata() throws IOException {
        Path train = animals("train.csv", 60, 0);
        Path test = animals("test.csv", 20, 1000);
        Path out = dir.resolve("m");
        CliRun run = CliRun.of("train", "--data", train.toString(), "--test", test.toString(), "--label", "label",
                "--ignore", "id,note", "--hidden", "4", "--epochs", "5", "--quiet", "--quantize", "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // The columns the user named are not mentioned again, in the test file or as calibration data.
        assertThat(run.err()).isEmpty();
        JsonNode model = json(out.resolve("model.json"));
        assertThat(model.get("features").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(model.get("layers").get(0).get("inputs").asInt()).isEqualTo(2);
        assertThat(model.get("training").get("ignoredColumns").asText()).isEqualTo("id,note");
        Model dhm = Model.load(Files.readAllBytes(out.resolve("model.dhm")));
        assertThat(dhm.inputSize()).isEqualTo(2);
        assertThat(ModelCard.metadata(dhm, "model.dhm").features()).containsExactly("x", "y");

        // Repeated --ignore is the same as a list.
        CliRun again = CliRun.of("train", "--data", train.toString(), "--label", "label", "--ignore", "id",
                "--ignore", "note", "--hidden", "4", "--epochs", "5", "--quiet", "--out", dir.resolve("m2").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(json(dir.resolve("m2/model.json")).get("features").toString()).isEqualTo("[\"x\",\"y\"]");
    }

    @Test
    void ignoringAnUnknownColumnIsOneLineListingTheColumns() throws IOException {
        Path train = animals("train.csv", 20, 0);
        CliRun run = CliRun.of("train", "--data", train.toString(), "--label", "label", "--ignore", "ID", "--quiet",
                "--out", dir.resolve("m").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errorLine()).isEqualTo("downhill: " + train
                + ":1: --ignore ID: no column 'ID'; the columns are: id, x, note, y, label");
        assertThat(dir.resolve("m")).doesNotExist();
        run = CliRun.of("lr-sweep", "--data", train.toString(), "--label", "label", "--ignore", "id,nope", "--quiet",
                "--out", dir.resolve("s").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errorLine()).contains(":1: --ignore nope: no column 'nope'; the columns are: ");
    }

    @Test
    void aNonNumericColumnNeedsIgnoreAndARowNumberFeatureIsWarnedAbout() throws IOException {
        Path train = animals("train.csv", 20, 0);
        CliRun run = CliRun.of("train", "--data", train.toString(), "--label", "label", "--quiet",
                "--out", dir.resolve("m").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errorLine()).isEqualTo("downhill: " + train + ":2:3: column 'note': not a number: "
                + "'purrs, a lot'; to train without this column, add --ignore note");
        run = CliRun.of("train", "--data", train.toString(), "--label", "label", "--ignore", "note", "--hidden", "4",
                "--epochs", "2", "--quiet", "--out", dir.resolve("m").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().toList()).containsExactly("warning: " + train + ": feature column 'id' counts "
                + "the rows (0, 1, 2, ... or 1, 2, 3, ...); if it is a row id, leave it out with --ignore id");
        run = CliRun.of("lr-sweep", "--data", train.toString(), "--label", "label", "--ignore", "note", "--rates", "2",
                "--epochs", "1", "--hidden", "4", "--quiet", "--out", dir.resolve("s").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("warning: " + train + ": feature column 'id' counts the rows");
        run = CliRun.of("lr-sweep", "--data", train.toString(), "--label", "label", "--ignore", "note,id", "--rates",
                "2", "--epochs", "1", "--hidden", "4", "--quiet", "--out", dir.resolve("s").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void evalAndPredictReadPastColumnsTheModelDoesNotUse() throws IOException {
        Path train = animals("train.csv", 60, 0);
        Path out = dir.resolve("m");
        CliRun run = CliRun.of("train", "--data", train.toString(), "--label", "label", "--ignore", "id,note",
                "--hidden", "4", "--epochs", "20", "--quiet", "--quantize", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path test = animals("test.csv", 20, 1);

        run = CliRun.of("eval", "--model", out.toString(), "--data", test.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().toList()).containsExactly("note: " + test + ": ignoring columns 'id', 'note' "
                + "(not features of the model)");
        assertThat(run.out()).contains("accuracy");

        Path preds = dir.resolve("preds.csv");
        run = CliRun.of("predict", "--model", out.resolve("model.dhm").toString(), "--data", test.toString(), "--out",
                preds.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err().lines().toList()).containsExactly("note: " + test + ": ignoring columns 'id', 'note' "
                + "(not features of the model)");
        List<String> lines = Files.readAllLines(preds);
        assertThat(lines).hasSize(21);
        assertThat(lines.get(0)).isEqualTo("class_id,label,actual,int8_out0,int8_out1");
        assertThat(lines.get(1)).matches("[01],(cat|dog),cat,-?\\d+,-?\\d+");
        assertThat(lines.get(2)).matches("[01],(cat|dog),dog,-?\\d+,-?\\d+");
        // --ignore on predict quiets the note; it may not name a feature.
        run = CliRun.of("predict", "--model", out.resolve("model.dhm").toString(), "--data", test.toString(),
                "--ignore", "id,note", "--out", preds.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        run = CliRun.of("predict", "--model", out.resolve("model.dhm").toString(), "--data", test.toString(),
                "--ignore", "x", "--out", dir.resolve("p2.csv").toString());
        assertThat(run.errorLine()).isEqualTo("downhill: " + test + ":1: --ignore x: 'x' is a feature of the model; "
                + "it cannot be left out");
        assertThat(dir.resolve("p2.csv")).doesNotExist();

        // A missing feature column stays a one-line error naming the file and the column.
        Path noY = dir.resolve("noy.csv");
        Files.writeString(noY, "id,x,label\n1,10,cat\n");
        run = CliRun.of("eval", "--model", out.toString(), "--data", noY.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errorLine()).isEqualTo("downhill: " + noY + ":1: missing feature column 'y' that the model "
                + "was trained with");
    }
}

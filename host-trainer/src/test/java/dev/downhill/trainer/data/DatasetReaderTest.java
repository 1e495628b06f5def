package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetReaderTest {
    private static Dataset train(String text, Task task) {
        return DatasetReader.forTraining(CsvTable.parse("f.csv", text), "label", task);
    }

    private static String trainError(String text, Task task) {
        try {
            train(text, task);
        } catch (DataException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a DataException");
    }

    @Test
    void readsFeaturesAndIntegerLabelsInNumericOrder() {
        Dataset d = train("x,label,y\n1.5,10,2\n-3e2,9,4\n0,10,.5\n", Task.CLASSIFY);
        assertThat(d.featureNames()).containsExactly("x", "y");
        assertThat(d.feature(1, 0)).isEqualTo(-300.0);
        assertThat(d.feature(2, 1)).isEqualTo(0.5);
        assertThat(d.labels().names()).containsExactly("9", "10");
        assertThat(d.classOf(0)).isEqualTo(1);
        assertThat(d.classOf(1)).isEqualTo(0);
    }

    @Test
    void stringLabelsInLexicographicOrder() {
        Dataset d = train("x,label\n1,virginica\n2,setosa\n3,versicolor\n", Task.CLASSIFY);
        assertThat(d.labels().names()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(d.classOf(0)).isEqualTo(2);
    }

    @Test
    void unknownLabelColumnListsTheColumns() {
        assertThatThrownBy(() -> DatasetReader.forTraining(CsvTable.parse("f.csv", "a,b\n1,2\n"), "label",
                Task.CLASSIFY)).hasMessage("f.csv:1: no label column 'label'; the columns are: a, b");
    }

    @Test
    void nonNumericFeatureIsLocated() {
        assertThat(trainError("x,y,label\n1,2,a\n3,abc,b\n", Task.CLASSIFY))
                .isEqualTo("f.csv:3:2: column 'y': not a number: 'abc'; to train without this column, add --ignore y");
    }

    @Test
    void missingValueIsLocated() {
        assertThat(trainError("x,y,label\n1,,a\n3,4,b\n", Task.CLASSIFY))
                .isEqualTo("f.csv:2:2: column 'y': missing value");
        assertThat(trainError("x,label\n1,\n3,b\n", Task.CLASSIFY))
                .isEqualTo("f.csv:2:2: missing value in label column 'label'");
    }

    @Test
    void missingValueMarkersAreCalledMissingValues() {
        assertThat(trainError("x,y,label\n1,2,a\n3,NA,b\n", Task.CLASSIFY))
                .isEqualTo("f.csv:3:2: column 'y': missing value 'NA' (fill in or drop incomplete rows first)");
        assertThat(trainError("x,y,label\n?,2,a\n3,4,b\n", Task.CLASSIFY))
                .isEqualTo("f.csv:2:1: column 'x': missing value '?' (fill in or drop incomplete rows first)");
    }

    /**
     * A semicolon file from a spreadsheet in a decimal-comma locale: the separator is read, the commas are not, and
     * the column is not one to leave out with --ignore (it is wanted, written in another locale).
     */
    @Test
    void aDecimalCommaIsNamedAsSuch() {
        assertThat(trainError("x;y;label\n1,5;2;a\n3;4;b\n", Task.CLASSIFY))
                .isEqualTo("f.csv:2:1: column 'x': not a number: '1,5' (decimal commas are not read: write '1.5')");
        assertThat(trainError("a,note,label\n1,high,x\n2,low,y\n", Task.CLASSIFY))
                .endsWith("not a number: 'high'; to train without this column, add --ignore note");
    }

    @Test
    void oneNumberWrittenTwoWaysIsNotTwoClasses() {
        assertThat(trainError("x,label\n1,1\n2,1.0\n3,2\n", Task.CLASSIFY))
                .isEqualTo("f.csv: label column 'label' holds '1' and '1.0', the same number written two ways; they "
                        + "would be two classes: write each class one way");
        assertThat(train("x,label\n1,1.0\n2,2.0\n3,1.0\n", Task.CLASSIFY).labels().names())
                .containsExactly("1.0", "2.0");
    }

    @Test
    void aLabelGivenByPositionSaysColumnsAreNamed() {
        assertThatThrownBy(() -> DatasetReader.forTraining(CsvTable.parse("f.csv", "a,b,label\n1,2,x\n"), "2",
                Task.CLASSIFY)).hasMessage("f.csv:1: no label column '2' (columns are chosen by name, not "
                + "position); the columns are: a, b, label");
    }

    @Test
    void nanAndInfinityAreRejected() {
        assertThat(trainError("x,label\n1,a\nNaN,b\n", Task.CLASSIFY))
                .isEqualTo("f.csv:3:1: column 'x': 'NaN' is not allowed: values must be finite numbers");
        assertThat(trainError("x,label\n-Infinity,a\n1,b\n", Task.CLASSIFY))
                .isEqualTo("f.csv:2:1: column 'x': '-Infinity' is not allowed: values must be finite numbers");
        assertThat(trainError("x,label\n1e999,a\n1,b\n", Task.CLASSIFY))
                .isEqualTo("f.csv:2:1: column 'x': '1e999' is out of range (beyond +-3.4e38)");
    }

    @Test
    void javaOnlyNumberSyntaxIsRejected() {
        assertThat(trainError("x,label\n0x1p3,a\n1,b\n", Task.CLASSIFY)).contains("not a number: '0x1p3'");
        assertThat(trainError("x,label\n1.5f,a\n1,b\n", Task.CLASSIFY)).contains("not a number: '1.5f'");
    }

    @Test
    void singleClassIsRejected() {
        assertThat(trainError("x,label\n1,a\n2,a\n", Task.CLASSIFY)).isEqualTo(
                "f.csv: label column 'label' holds a single class ('a'); classification needs at least two classes");
    }

    @Test
    void regressionTargetsMustBeNumbers() {
        Dataset d = train("x,label\n1,0.5\n2,-1\n", Task.REGRESS);
        assertThat(d.targetOf(1)).isEqualTo(-1.0);
        assertThat(trainError("x,label\n1,0.5\n2,high\n", Task.REGRESS))
                .isEqualTo("f.csv:3:2: column 'label': not a number: 'high'");
    }

    @Test
    void regressionLookingClassificationGetsAHint() {
        StringBuilder sb = new StringBuilder("x,label\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i).append(',').append(i * 0.37).append('\n');
        }
        assertThat(trainError(sb.toString(), Task.CLASSIFY)).contains("use --task regress");
    }

    @Test
    void aSmallNumericTargetWithAClassPerValueIsNotTakenForClasses() {
        // linnerud's Weight: 13 distinct weights in 15 rows would silently become 13 classes of about one row each.
        StringBuilder sb = new StringBuilder("x,label\n");
        int[] weights = {191, 189, 193, 162, 189, 182, 211, 167, 176, 154, 169, 166, 154, 247, 193};
        for (int i = 0; i < weights.length; i++) {
            sb.append(i % 4).append(',').append(weights[i]).append('\n');
        }
        assertThat(trainError(sb.toString(), Task.CLASSIFY)).isEqualTo("f.csv: label column 'label' has 12 distinct "
                + "values in 15 rows, fewer than two rows per class; if it is a number to predict, use --task regress");
        assertThat(train(sb.toString(), Task.REGRESS).targetOf(14)).isEqualTo(193.0);
    }

    @Test
    void textLabelsWithAClassPerRowAskWhetherItIsTheLabelColumn() {
        StringBuilder sb = new StringBuilder("x,label\n");
        for (int i = 0; i < 12; i++) {
            sb.append(i % 3).append(",sample-").append(i).append('\n');
        }
        assertThat(trainError(sb.toString(), Task.CLASSIFY)).endsWith("fewer than two rows per class; is it the label "
                + "column? (an id or free text cannot be learned as classes)");
    }

    @Test
    void fewClassesInFewRowsStillTrain() {
        assertThat(train("x,label\n1,a\n2,b\n", Task.CLASSIFY).labels().classCount()).isEqualTo(2);
        StringBuilder sb = new StringBuilder("x,label\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append(',').append(i % 10).append('\n'); // 10 classes, two rows each
        }
        assertThat(train(sb.toString(), Task.CLASSIFY).labels().classCount()).isEqualTo(10);
    }

    @Test
    void aFileWithoutHeaderAndWithTextLabelsIsToldSo() {
        // the first data row became the header, because 'setosa' is not a number
        assertThatThrownBy(() -> train("5.1,3.5,1.4,0.2,setosa\n4.9,3,1.4,0.2,setosa\n", Task.CLASSIFY))
                .hasMessage("f.csv:1: no label column 'label' (the first row looks like data: 4 of its 5 names are "
                        + "numbers; add a header row naming the columns); the columns are: 5.1, 3.5, 1.4, 0.2, setosa");
    }

    @Test
    void severalLabelColumnsAreToldThatAModelHasOne() {
        assertThatThrownBy(() -> DatasetReader.forTraining(CsvTable.parse("f.csv", "x,w,p\n1,2,3\n"), "w,p",
                Task.REGRESS)).hasMessage("f.csv:1: no label column 'w,p' (a model predicts one label column: train "
                + "one model per target, leaving the other targets out with --ignore); the columns are: x, w, p");
    }

    @Test
    void matchingSelectsModelColumnsByNameAndChecksLabels() {
        Dataset d = train("x,y,label\n1,2,a\n3,4,b\n", Task.CLASSIFY);
        Dataset test = DatasetReader.matching(CsvTable.parse("t.csv", "label,y,x\nb,20,10\n"), "label",
                Task.CLASSIFY, d.featureNames(), d.labels());
        assertThat(test.feature(0, 0)).isEqualTo(10.0);
        assertThat(test.feature(0, 1)).isEqualTo(20.0);
        assertThat(test.classOf(0)).isEqualTo(1);
        assertThatThrownBy(() -> DatasetReader.matching(CsvTable.parse("t.csv", "x,label\n1,a\n"), "label",
                Task.CLASSIFY, d.featureNames(), d.labels()))
                .hasMessage("t.csv:1: missing feature column 'y' that the model was trained with");
        Dataset extra = DatasetReader.matching(CsvTable.parse("t.csv", "id,label,extra,y,x\n5,b,9,20,10\n"),
                "label", Task.CLASSIFY, d.featureNames(), d.labels());
        assertThat(extra.ignoredColumns()).containsExactly("id", "extra");
        assertThat(extra.feature(0, 0)).isEqualTo(10.0);
        assertThat(extra.feature(0, 1)).isEqualTo(20.0);
        assertThat(extra.subset(new int[] {0}).ignoredColumns()).containsExactly("id", "extra");
        assertThat(test.ignoredColumns()).isEmpty();
        assertThatThrownBy(() -> DatasetReader.matching(CsvTable.parse("t.csv", "x,y,label\n1,2,c\n"), "label",
                Task.CLASSIFY, d.featureNames(), d.labels()))
                .hasMessage("t.csv:2:3: column 'label': label 'c' is not one of the 2 classes the model knows (a, b)");
    }

    @Test
    void ignoredColumnsAreNotFeatures() {
        Dataset d = DatasetReader.forTraining(CsvTable.parse("f.csv", "id,x,note,label,y\n0,1,7,a,2\n1,3,8,b,4\n"),
                "label", Task.CLASSIFY, List.of("note", "id"));
        assertThat(d.featureNames()).containsExactly("x", "y");
        assertThat(d.feature(1, 0)).isEqualTo(3.0);
        assertThat(d.feature(1, 1)).isEqualTo(4.0);
        assertThat(d.ignoredColumns()).containsExactly("id", "note");
        // A non-numeric column is fine once it is left out.
        Dataset notes = DatasetReader.forTraining(CsvTable.parse("f.csv", "x,note,label\n1,hot,a\n2,cold,b\n"),
                "label", Task.CLASSIFY, List.of("note"));
        assertThat(notes.featureNames()).containsExactly("x");
    }

    @Test
    void ignoringAColumnTheFileLacksListsItsColumns() {
        assertThatThrownBy(() -> DatasetReader.forTraining(CsvTable.parse("f.csv", "id,x,label\n0,1,a\n1,2,b\n"),
                "label", Task.CLASSIFY, List.of("ID")))
                .isInstanceOf(DataException.class)
                .hasMessage("f.csv:1: --ignore ID: no column 'ID'; the columns are: id, x, label");
        assertThatThrownBy(() -> DatasetReader.forTraining(CsvTable.parse("f.csv", "id,x,label\n0,1,a\n1,2,b\n"),
                "label", Task.CLASSIFY, List.of("label")))
                .hasMessage("f.csv:1: --ignore label: 'label' is the label column; it cannot also be left out");
        assertThatThrownBy(() -> DatasetReader.forTraining(CsvTable.parse("f.csv", "id,x,label\n0,1,a\n1,2,b\n"),
                "label", Task.CLASSIFY, List.of("id", "x")))
                .hasMessage("f.csv:1: no feature columns: besides the label 'label' every column is left out by "
                        + "--ignore");
    }

    @Test
    void longHeadersAreCutInColumnLists() {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            header.append('c').append(i).append(',');
            row.append(i).append(',');
        }
        CsvTable t = CsvTable.parse("w.csv", header + "label\n" + row + "a\n");
        assertThatThrownBy(() -> DatasetReader.forTraining(t, "label", Task.CLASSIFY, List.of("c99")))
                .hasMessage("w.csv:1: --ignore c99: no column 'c99'; the columns are: c0, c1, c2, c3, c4, c5, c6, "
                        + "c7, c8, c9, ... (21 in all), c19, label");
    }

    @Test
    void bundledDigitsLoad() {
        Dataset d = DatasetReader.forTraining(CsvTable.read(DataSource.of("bundled:digits-train")), "label",
                Task.CLASSIFY);
        assertThat(d.size()).isEqualTo(1437);
        assertThat(d.featureCount()).isEqualTo(64);
        assertThat(d.labels().names()).isEqualTo(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }
}

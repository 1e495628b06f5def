package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
    private static final List<String> FEATURES = List.of("a", "b", "c");

    private static FeatureTable read(String text, String labelColumn) {
        return FeatureTable.read(CsvTable.parse("f.csv", text), FEATURES, labelColumn);
    }

    @Test
    void columnsAreMatchedByNameInAnyOrder() {
        FeatureTable t = read("c,a,b\n3,1,2\n-6e1,.5,+4\n", "label");
        assertThat(t.features()).containsExactly("a", "b", "c");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.row(0)).containsExactly(1, 2, 3);
        assertThat(t.row(1)).containsExactly(0.5, 4, -60);
        assertThat(t.rows()).hasSize(2).element(1).isEqualTo(new double[] {0.5, 4, -60});
        assertThat(t.text(1, 2)).isEqualTo("-6e1");
    }

    @Test
    void theLabelColumnIsIgnoredWhereverItIs() {
        FeatureTable t = read("species,b,c,a\ncat,2,3,1\n", "species");
        assertThat(t.row(0)).containsExactly(1, 2, 3);
    }

    /** adapt --label / eval --label naming an input would score a regression model on one of its own inputs. */
    @Test
    void aLabelColumnThatIsAFeatureIsRefused() {
        assertThatThrownBy(() -> read("a,b,c,y\n1,2,3,4\n", "b"))
                .isInstanceOf(DataException.class)
                .hasMessage("f.csv:1: label column 'b' is a feature of the model, not its label: name the column that "
                        + "holds what the model predicts");
    }

    @Test
    void missingColumnsAreListedTogether() {
        assertThatThrownBy(() -> read("b,label\n1,x\n", "label"))
                .isInstanceOf(DataException.class)
                .hasMessage("f.csv:1: missing feature columns 'a', 'c' that the model was trained with");
    }

    @Test
    void columnsThatAreNeitherFeaturesNorTheLabelAreIgnoredAndListed() {
        FeatureTable t = read("id,a,b,c,d,label\n7,1,2,3,4,x\n", "label");
        assertThat(t.row(0)).containsExactly(1, 2, 3);
        assertThat(t.ignoredColumns()).containsExactly("id", "d");
        assertThat(t.text(0, 0)).isEqualTo("1");
        // Without a known label column, a label column is just another column the model does not use.
        assertThat(read("a,b,c,label\n1,2,3,x\n", null).ignoredColumns()).containsExactly("label");
        assertThat(read("c,b,a\n1,2,3\n", "label").ignoredColumns()).isEmpty();
    }

    @Test
    void missingFeaturesAreRefusedEvenBesideOtherColumns() {
        assertThatThrownBy(() -> read("a,x,y\n1,2,3\n", "label"))
                .isInstanceOf(DataException.class)
                .hasMessage("f.csv:1: missing feature columns 'b', 'c' that the model was trained with");
        assertThatThrownBy(() -> read("a,b,C\n1,2,3\n", "label"))
                .hasMessage("f.csv:1: missing feature column 'c' that the model was trained with");
    }

    @Test
    void manyMissingNamesAreCut() {
        List<String> many = List.of("f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8");
        assertThatThrownBy(() -> FeatureTable.read(CsvTable.parse("f.csv", "label\nx\n"), many, "label"))
                .hasMessage("f.csv:1: missing feature columns 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', ... (8 in all) "
                        + "that the model was trained with");
    }

    @Test
    void badCellsAreLocatedAsStrictlyAsTrainingData() {
        assertThatThrownBy(() -> read("c,a,b\n1,2,3\n4,NaN,6\n", null))
                .hasMessage("f.csv:3:2: column 'a': 'NaN' is not allowed: values must be finite numbers");
        assertThatThrownBy(() -> read("a,b,c\n1,,3\n", null)).hasMessage("f.csv:2:2: column 'b': missing value");
        assertThatThrownBy(() -> read("a,b,c\n1,0x10,3\n", null))
                .hasMessage("f.csv:2:2: column 'b': not a number: '0x10'");
    }

    @Test
    void laterChecksReportTheCellInTheFile() {
        FeatureTable t = read("c,a,b\n1,2,3\n\n4,5,6\n", null);
        // Feature 'c' (index 2) is the file's first column; data row 1 is on line 4 after a blank line.
        assertThat(t.errorAt(1, 2, "too big")).hasMessage("f.csv:4:1: column 'c': too big");
    }
}

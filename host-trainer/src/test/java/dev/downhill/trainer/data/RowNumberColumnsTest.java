package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowNumberColumnsTest {
    private static Dataset data(String csv) {
        return DatasetReader.forTraining(CsvTable.parse("f.csv", csv), "label", Task.CLASSIFY);
    }

    @Test
    void columnsCountingTheRowsFromZeroOrOneAreFound() {
        Dataset d = data("idx,x,n,label\n0,5,1,a\n1,3,2,b\n2,9,3,a\n3,1,4,b\n4,2,5,a\n");
        assertThat(RowNumberColumns.find(d)).containsExactly("idx", "n");
    }

    @Test
    void otherSequencesAreNot() {
        // Starts at 2; steps of 2; one gap; decreasing; a constant; a count that restarts.
        Dataset d = data("a,b,c,d,e,f,label\n2,0,1,4,1,0,x\n3,2,2,3,1,1,y\n4,4,3,2,1,2,x\n5,6,5,1,1,0,y\n"
                + "6,8,6,0,1,1,x\n");
        assertThat(RowNumberColumns.find(d)).isEmpty();
    }

    @Test
    void shortFilesProveNothing() {
        Dataset d = data("id,label\n0,a\n1,b\n2,a\n3,b\n");
        assertThat(RowNumberColumns.find(d)).isEmpty();
        assertThat(RowNumberColumns.find(data("id,label\n1,a\n2,b\n3,a\n4,b\n5,a\n"))).containsExactly("id");
    }

    @Test
    void bundledDataHasNone() {
        assertThat(RowNumberColumns.find(DatasetReader.forTraining(CsvTable.read(DataSource.of("bundled:digits")),
                "label", Task.CLASSIFY))).isEmpty();
    }
}

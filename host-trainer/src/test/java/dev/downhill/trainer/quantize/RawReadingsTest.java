package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.FeatureTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawReadingsTest {

    @TempDir
    Path dir;

    private FeatureTable table(String csv) throws Exception {
        Path file = dir.resolve("s.csv");
        Files.writeString(file, csv);
        return FeatureTable.read(CsvTable.read(DataSource.of(file.toString())), List.of("t", "p"), "label");
    }

    @Test
    void convertsEveryRowAndCountsTheRoundedValues() throws Exception {
        // Columns in another order than the model's, and a label: matched by name.
        RawReadings r = RawReadings.of(table("label,p,t\na,101254,21.37\nb,99000,-0.05\nc,100005,18\n"),
                RawUnits.of(2, -1));
        assertThat(r.rows()).containsExactly(new int[] {2137, 10125}, new int[] {-5, 9900}, new int[] {1800, 10001});
        assertThat(r.rounded()).isEqualTo(2);
        assertThat(r.notes("s.csv")).containsExactly("note: s.csv: 2 values have more decimals than the model's raw "
                + "units and were rounded as the device would read them (first: " + dir.resolve("s.csv") + ":2:2 101254 "
                + "read as 10125 x 10)");
    }

    @Test
    void exactReadingsNeedNoNote() throws Exception {
        RawReadings r = RawReadings.of(table("t,p,label\n21.5,101250,a\n"), RawUnits.of(2, -1));
        assertThat(r.rows()).containsExactly(new int[] {2150, 10125});
        assertThat(r.rounded()).isZero();
        assertThat(r.clipped()).isZero();
        assertThat(r.notes("s.csv")).isEmpty();
    }

    @Test
    void aReadingOutsideInt16SaturatesWithOneWarningNamingItsCell() throws Exception {
        FeatureTable t = table("t,p,label\n21.5,101250,a\n400,101250,b\n-400.004,101250,c\n");
        RawReadings r = RawReadings.of(t, RawUnits.of(2, -1));
        assertThat(r.rows()).containsExactly(new int[] {2150, 10125}, new int[] {32767, 10125},
                new int[] {-32768, 10125});
        assertThat(r.clipped()).isEqualTo(2);
        assertThat(r.rounded()).as("a saturated value is not counted as rounded too").isZero();
        assertThat(r.notes("s.csv")).containsExactly("warning: s.csv: 2 values are beyond what an int16 reading in the "
                + "model's raw units holds and were saturated to -32768..32767, as the device's input stage does "
                + "(first: " + dir.resolve("s.csv") + ":3:1 column 't' 400 = 40000 x 0.01, read as 32767); the "
                + "calibration data did not reach this far");
    }
}

package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleSpreadTest {

    private static ScaleSpread of(String csv) {
        return ScaleSpread.of(DatasetReader.forTraining(CsvTable.parse("f.csv", csv), "label", Task.CLASSIFY));
    }

    @Test
    void widestOverNarrowestRangeIgnoringConstantColumns() {
        ScaleSpread s = of("a,b,c,label\n0,1,5,x\n1000,1.5,5,y\n500,1.25,5,x\n");
        assertThat(s.ratio()).isEqualTo(2000.0);
        assertThat(s.widest()).isEqualTo("a");
        assertThat(s.narrowest()).isEqualTo("b");
        assertThat(s.mixedUnits()).isTrue();
        assertThat(s.describe()).isEqualTo("column ranges differ by a factor of 2000 ('a' spans 1000, 'b' 0.5000)");
    }

    @Test
    void columnsInOneUnitAreNotMixed() {
        assertThat(of("a,b,label\n0,0,x\n16,1,y\n").ratio()).isEqualTo(16.0);
        assertThat(of("a,b,label\n0,0,x\n16,1,y\n").mixedUnits()).isFalse();
        assertThat(of("a,b,label\n3,3,x\n3,3,y\n").describe()).isEqualTo("no column varies");
    }

    /** The bundled digits must stay on global standardisation (docs/trainer.md, InputOffsetRobustnessTest). */
    @Test
    void bundledDigitsAreOneUnit() {
        ScaleSpread digits = ScaleSpread.of(DatasetReader.forTraining(CsvTable.read(DataSource.of("bundled:digits-train")),
                "label", Task.CLASSIFY));
        assertThat(digits.ratio()).isEqualTo(16.0);
        assertThat(digits.mixedUnits()).isFalse();
    }
}

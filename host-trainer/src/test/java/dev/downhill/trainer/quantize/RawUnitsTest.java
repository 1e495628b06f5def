package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawUnitsTest {

    /** One calibration row per entry of {@code columns[0]}; {@code columns[f][r]} is feature f of row r. */
    private static List<double[]> rows(double[]... columns) {
        List<double[]> rows = new ArrayList<>();
        for (int r = 0; r < columns[0].length; r++) {
            double[] row = new double[columns.length];
            for (int f = 0; f < columns.length; f++) {
                row[f] = columns[f][r];
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void integerDataIsReadInUnitsOfOne() {
        RawUnits u = RawUnits.fit(rows(new double[] {0, 16, 7}, new double[] {-32768, 32767, 0}));
        assertThat(u.decimals()).containsExactly(0, 0);
        assertThat(u.allOnes()).isTrue();
        assertThat(u).isEqualTo(RawUnits.ones(2));
        assertThat(u.unit(0)).isEqualTo("1");
    }

    @Test
    void decimalDataIsReadInItsOwnDecimals() {
        // iris: one decimal; 0.000123 fits at six; a column of 2.5 and 3 needs one.
        RawUnits u = RawUnits.fit(rows(new double[] {5.1, 4.9, 7.0}, new double[] {0.000123, 0.0005, 0.001},
                new double[] {2.5, 3, 3}));
        assertThat(u.decimals()).containsExactly(1, 6, 1);
        assertThat(u.unit(0)).isEqualTo("0.1");
        assertThat(u.unit(1)).isEqualTo("0.000001");
        assertThat(u.toRaw(0, 5.1)).isEqualTo(51);
        assertThat(u.toRaw(1, 0.000123)).isEqualTo(123);
        assertThat(u.coarserThanData(0)).isFalse();
        assertThat(u.coarserThanData(1)).isFalse();
    }

    @Test
    void negativeValuesAndZerosCountLikeTheirMagnitude() {
        RawUnits u = RawUnits.fit(rows(new double[] {-3.25, 0, 1.5}, new double[] {0, 0, 0}, new double[] {-0.0, -7, 0}));
        assertThat(u.decimals()).containsExactly(2, 0, 0);
        assertThat(u.toRaw(0, -3.25)).isEqualTo(-325);
        // The int16 range is asymmetric: -3.2768 fits at 4 decimals, +3.2768 does not.
        assertThat(RawUnits.fit(rows(new double[] {-3.2768, 1})).decimals(0)).isEqualTo(4);
        assertThat(RawUnits.fit(rows(new double[] {3.2768, 1})).decimals(0)).isEqualTo(3);
    }

    @Test
    void mixedDecimalsTakeTheMostDecimalsThatFit() {
        RawUnits u = RawUnits.fit(rows(new double[] {1, 2.5, 0.125, 3.75}));
        assertThat(u.decimals(0)).isEqualTo(3);
        assertThat(u.toRaw(0, 0.125)).isEqualTo(125);
        assertThat(u.toRaw(0, 1)).isEqualTo(1000);
    }

    @Test
    void hugeValuesGetUnitsOfTensOrMore() {
        RawUnits u = RawUnits.fit(rows(new double[] {120000, 5000}, new double[] {-4.2e9, 1e9}, new double[] {327670, 0}));
        assertThat(u.decimals()).containsExactly(-1, -6, -1);
        assertThat(u.unit(0)).isEqualTo("10");
        assertThat(u.unit(1)).isEqualTo("1000000");
        assertThat(u.toRaw(0, 120000)).isEqualTo(12000);
        assertThat(u.toRaw(0, 125)).as("125 in units of 10, half away from zero").isEqualTo(13);
        assertThat(u.toRaw(1, -4.2e9)).isEqualTo(-4200);
        assertThat(u.toValue(0, 12000)).isEqualTo(120000.0);
        // 120000 is not 'written to the ten-thousands': integers are never read coarser than needed to fit.
        assertThat(u.coarserThanData(0)).as("120000 and 5000 are whole tens: nothing is rounded").isFalse();
        assertThat(RawUnits.fit(rows(new double[] {120003, 5000})).coarserThanData(0)).isTrue();
    }

    @Test
    void aValueTooLargeForItsDecimalsRoundsEveryValueOfTheFeatureToACoarserUnit() {
        // 40000.5 has one decimal, but 400005 and 40001 are outside int16: units of 10 are the finest that fit.
        // 3276.75 has two, but 327675 does not fit and 32767.5 rounds to 32768: units of 1.
        RawUnits u = RawUnits.fit(rows(new double[] {40000.5, 0.25}, new double[] {3276.75, 1}));
        assertThat(u.decimals()).containsExactly(-1, 0);
        assertThat(u.coarserThanData(0)).isTrue();
        assertThat(u.coarserThanData(1)).isTrue();
        assertThat(u.toRaw(0, 40000.5)).isEqualTo(4000);
        assertThat(u.toRaw(0, 0.25)).isEqualTo(0);
        assertThat(u.toRaw(1, 3276.75)).isEqualTo(3277);
    }

    @Test
    void roundingFollowsTheDecimalValueHalfAwayFromZero() {
        RawUnits u = RawUnits.of(1);
        // 0.15 is 0.1499999... as a double; as written it is a half, rounded away from zero.
        assertThat(u.toRaw(0, 0.15)).isEqualTo(2);
        assertThat(u.toRaw(0, -0.15)).isEqualTo(-2);
        assertThat(u.toRaw(0, 0.149)).isEqualTo(1);
        assertThat(u.isWhole(0, 0.2)).isTrue();
        assertThat(u.isWhole(0, 0.15)).isFalse();
        assertThat(RawUnits.ones(1).toRaw(0, 2.5)).isEqualTo(3);
        assertThat(RawUnits.ones(1).isWhole(0, 2.5)).isFalse();
    }

    /** As the runtime's stage saturates its input, and a sensor at the end of its range. */
    @Test
    void readingsOutsideInt16Saturate() {
        RawUnits u = RawUnits.of(1, 0);
        assertThat(u.toRaw(0, 3276.7)).isEqualTo(32767);
        assertThat(u.fits(0, 3276.7)).isTrue();
        assertThat(u.toRaw(0, -3276.8)).isEqualTo(-32768);
        assertThat(u.fits(0, -3276.8)).isTrue();
        assertThat(u.toRaw(0, 3276.8)).isEqualTo(32767);
        assertThat(u.fits(0, 3276.8)).isFalse();
        assertThat(u.inUnits(0, 3276.8)).isEqualTo("32768 x 0.1");
        assertThat(u.toRaw(1, -40000)).isEqualTo(-32768);
        assertThat(u.fits(1, -40000)).isFalse();
        assertThat(u.fits(1, 32767)).isTrue();
        assertThat(u.toRaw(1, 1e30)).isEqualTo(32767);
        assertThatThrownBy(() -> u.toRaw(0, Double.NaN)).hasMessageContaining("not a reading");
        assertThatThrownBy(() -> u.toRaw(new double[] {1})).hasMessageContaining("expected 2 features");
    }

    @Test
    void inRawUnitsScalesExactlyWhereADoubleCan() {
        RawUnits u = RawUnits.of(2, 0, -3);
        assertThat(u.inRawUnits(0, 5.84)).isEqualTo(584.0);
        assertThat(u.inRawUnits(1, 5.84)).isEqualTo(5.84);
        assertThat(u.inRawUnits(2, 120000)).isEqualTo(120.0);
    }

    @Test
    void describeGroupsFeaturesByUnit() {
        assertThat(RawUnits.ones(64).describe(java.util.Collections.nCopies(64, "p")))
                .containsExactly("all 64 features in units of 1");
        assertThat(RawUnits.of(1, 1, 0, 1).describe(List.of("a", "b", "c", "d"))).containsExactly(
                "feature a in units of 0.1", "feature b in units of 0.1", "feature c in units of 1",
                "feature d in units of 0.1");
        assertThat(RawUnits.of(1, 1, 0, 1, 1, 1, 1, 1, 2).describe(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")))
                .containsExactly("features a, b, d, e, f, g, h in units of 0.1", "feature c in units of 1",
                        "feature i in units of 0.01");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> RawUnits.fit(List.of())).hasMessageContaining("no rows");
        assertThatThrownBy(() -> RawUnits.fit(List.of(new double[] {1}, new double[] {1, 2})))
                .hasMessageContaining("1 and 2 features");
        assertThatThrownBy(() -> RawUnits.of()).hasMessageContaining("at least one feature");
        assertThatThrownBy(() -> RawUnits.of(400)).hasMessageContaining("feature 0");
    }
}

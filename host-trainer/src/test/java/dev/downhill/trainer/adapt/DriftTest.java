package dev.downhill.trainer.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.trainer.quantize.RawUnits;
import org.junit.jupiter.api.Test;

class DriftTest {

    @Test
    void gainAndOffsetRoundAndClipToTheRawRange() {
        Drift d = Drift.parse("gain=0.8,offset=1");
        assertThat(d.apply(new int[] {0, 1, 5, 16})).containsExactly(1, 2, 5, 14); // 1, 1.8, 5, 13.8
        assertThat(Drift.parse("gain=2,offset=3").withDataRange(0, 16).apply(new int[] {0, 7, 16}))
                .containsExactly(3, 16, 16);
        assertThat(Drift.parse("offset=-2").withDataRange(0, 16).apply(new int[] {0, 1, 9})).containsExactly(0, 0, 7);
        assertThat(d.toString()).isEqualTo("gain=0.8,offset=1");
    }

    /** A sensor saturates at its own range: the data's unless given; before, every dataset was clipped to 0..16. */
    @Test
    void theClipRangeIsTheDataRangeUnlessGiven() {
        int[] readings = {-300, 0, 500, 1000};
        assertThat(Drift.parse("gain=2").apply(readings)).as("no range yet: only the runtime's int16 raw range")
                .containsExactly(-600, 0, 1000, 2000);
        assertThat(Drift.parse("gain=2").withDataRange(-300, 1000).apply(readings)).containsExactly(-300, 0, 1000, 1000);
        assertThat(Drift.parse("gain=2,max=1500").withDataRange(-300, 1000).apply(readings))
                .containsExactly(-300, 0, 1000, 1500);
        assertThat(Drift.parse("gain=100").apply(readings)).containsExactly(-30000, 0, 32767, 32767);
        assertThat(Drift.parse("none").withDataRange(-300, 1000).apply(readings)).as("no drift changes nothing")
                .containsExactly(readings);
        assertThat(Drift.none().apply(readings)).containsExactly(readings);
        assertThat(Drift.parse("gain=2,min=5").withDataRange(0, 16).toString()).isEqualTo("gain=2,offset=0,min=5,max=16");
        assertThatThrownBy(() -> Drift.parse("min=50").withDataRange(0, 16)).hasMessageContaining("50..16 is empty");
        assertThatThrownBy(() -> Drift.parse("min=5,max=4")).hasMessageContaining("min <= max");
    }

    /** Offset and bounds are in the CSV's units; readings in tenths move by ten times the offset. */
    @Test
    void offsetAndBoundsAreConvertedToEachFeaturesRawUnit() {
        RawUnits units = RawUnits.of(1, 0, -1);                           // 0.1 cm, 1, tens
        Drift d = Drift.parse("offset=0.5").withDataRange(0, 100).withUnits(units);
        // 5.1 cm (51 tenths) + 0.5 cm = 56 tenths; 7 + 0.5 rounds to 8; 40 (4 tens) + 0.5 stays 4 tens.
        assertThat(d.apply(new int[] {51, 7, 4})).containsExactly(56, 8, 4);
        // The clip range 0..100 is 0..1000 tenths, 0..100 ones, 0..10 tens.
        Drift gain = Drift.parse("gain=3").withDataRange(0, 100).withUnits(units);
        assertThat(gain.apply(new int[] {900, 90, 9})).containsExactly(1000, 100, 10);
        Drift decimalBounds = Drift.parse("offset=-1,min=0.25,max=2.5").withUnits(RawUnits.of(2));
        assertThat(decimalBounds.apply(new int[] {100})).containsExactly(25);   // 1.00 - 1 = 0, clipped at 0.25
        assertThat(decimalBounds.apply(new int[] {400})).containsExactly(250);  // 4.00 - 1 = 3, clipped at 2.5
        assertThat(decimalBounds.toString()).isEqualTo("gain=1,offset=-1,min=0.25,max=2.5");
        // Bounds beyond the int16 readings stop at what the stage takes.
        assertThat(Drift.parse("gain=2,max=5000").withUnits(RawUnits.of(2)).apply(new int[] {30000}))
                .containsExactly(32767);
        assertThatThrownBy(() -> Drift.parse("shift=left").withUnits(units))
                .hasMessageContaining("features are read in different units (0.1, 1, 10)");
        assertThatThrownBy(() -> d.apply(new int[] {1, 2})).hasMessageContaining("3 features applied to 2");
    }

    /** offset=…sd moves each feature by the same share of its own spread, whatever its units. */
    @Test
    void anOffsetInDeviationsMovesEachFeatureByItsOwnSpread() {
        Drift d = Drift.parse("gain=1,offset=0.5sd");
        assertThat(d.offsetInDeviations()).isTrue();
        assertThat(d.toString()).isEqualTo("gain=1,offset=0.5sd");
        assertThatThrownBy(() -> d.apply(new int[] {1, 2})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("offset=0.5sd needs the deviations of the 2 features");
        Drift spread = d.withDataRange(-100_000, 100_000).withUnits(RawUnits.of(0, 3)).withDeviations(
                new double[] {4, 3000});
        assertThat(spread.apply(new int[] {10, 20_000})).containsExactly(12, 21_500);
        assertThat(Drift.parse("offset=-1sd").withDeviations(new double[] {4, 3000}).apply(new int[] {10, 20_000}))
                .containsExactly(6, 17_000);
        assertThat(Drift.parse("offset=2").offsetInDeviations()).isFalse();
        assertThatThrownBy(() -> Drift.parse("offset=xsd")).hasMessage("drift 'offset=xsd': 'xsd' is not a number for "
                + "offset");
    }

    @Test
    void onePixelShiftMovesTheImageAndFillsWithZero() {
        int[] img = new int[16];
        for (int i = 0; i < 16; i++) {
            img[i] = i + 1;                                             // 4x4: rows 1..4, 5..8, ...
        }
        assertThat(Drift.parse("shift=right").apply(img)).containsExactly(
                0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15);
        assertThat(Drift.parse("shift=up").apply(img)).containsExactly(
                5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0, 0, 0, 0);
    }

    @Test
    void deadInputsAreAFixedSeededSubsetStuckAtZero() {
        Drift d = Drift.parse("dead=0.25,seed=3");
        assertThat(d.deadInputs(64)).hasSize(16).isSorted().isEqualTo(Drift.parse("dead=0.25,seed=3").deadInputs(64));
        assertThat(d.deadInputs(64)).isNotEqualTo(Drift.parse("dead=0.25,seed=4").deadInputs(64));
        int[] ones = new int[64];
        java.util.Arrays.fill(ones, 7);
        int[] out = d.apply(ones);
        for (int i = 0; i < 64; i++) {
            assertThat(out[i]).isEqualTo(d.deadInputs(64).contains(i) ? 0 : 7);
        }
    }

    @Test
    void combinationsApplyGainThenShiftThenDeadInputs() {
        int[] img = new int[4];
        java.util.Arrays.fill(img, 10);
        int[] out = Drift.parse("gain=0.5,shift=right,width=2").apply(img);
        assertThat(out).containsExactly(0, 5, 0, 5);
        assertThat(Drift.parse("none").isNone()).isTrue();
    }

    @Test
    void badSpellingsNameThePairAndTheExpectation() {
        assertThatThrownBy(() -> Drift.parse("gain=abc")).hasMessage("drift 'gain=abc': 'abc' is not a number for gain");
        assertThatThrownBy(() -> Drift.parse("tilt=3")).hasMessageContaining("unknown key 'tilt'");
        assertThatThrownBy(() -> Drift.parse("gain")).hasMessageContaining("expected key=value, got 'gain'");
        assertThatThrownBy(() -> Drift.parse("shift=diagonal")).hasMessageContaining("shift must be left, right, up or down");
        assertThatThrownBy(() -> Drift.parse("dead=2")).hasMessageContaining("dead must be a fraction in [0, 1]");
    }
}

package dev.downhill.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardizerTest {
    // Columns: a = {1, 3} (mean 2, deviation 1), b = {5, 5} (constant), c = {0, 0.2} (deviation 0.1).
    private static final Dataset DATA = DatasetReader.forTraining(
            CsvTable.parse("s.csv", "a,b,c,label\n1,5,0,x\n3,5,0.2,y\n"), "label", Task.CLASSIFY);

    @Test
    void perFeatureUsesEachColumnAndFixesConstantColumns() {
        Standardizer s = Standardizer.fit(DATA, StandardizationMode.PER_FEATURE, 0);
        assertThat(s.mean()).containsExactly(new double[] {2, 5, 0.1}, within(1e-12));
        assertThat(s.deviation()).containsExactly(new double[] {1, 1, 0.1}, within(1e-12));
        float[] z = new float[3];
        s.apply(new double[] {4, 6, 0.3}, z, 0);
        assertThat(z).containsExactly(new float[] {2f, 1f, 2f}, within(1e-6f));
    }

    @Test
    void floorLimitsSmallDeviations() {
        Standardizer s = Standardizer.fit(DATA, StandardizationMode.PER_FEATURE, 0.5);
        assertThat(s.deviation()).containsExactly(new double[] {1, 0.5, 0.5}, within(1e-12));
    }

    @Test
    void globalUsesOneMeanAndDeviationForAllValues() {
        Standardizer s = Standardizer.fit(DATA, StandardizationMode.GLOBAL, 0);
        // values 1,5,0,3,5,0.2: mean 14.2/6
        double mean = 14.2 / 6;
        double var = 0;
        for (double v : new double[] {1, 5, 0, 3, 5, 0.2}) {
            var += (v - mean) * (v - mean);
        }
        double dev = Math.sqrt(var / 6);
        for (int j = 0; j < 3; j++) {
            assertThat(s.mean()[j]).isCloseTo(mean, within(1e-12));
            assertThat(s.deviation()[j]).isCloseTo(dev, within(1e-12));
        }
    }

    @Test
    void anOffsetOnAllInputsStaysSmallInGlobalMode() {
        // The reason global is the default: +1 on every raw input is +1/deviation for every feature.
        Standardizer g = Standardizer.fit(DATA, StandardizationMode.GLOBAL, 0);
        Standardizer p = Standardizer.fit(DATA, StandardizationMode.PER_FEATURE, 0);
        float[] base = new float[3];
        float[] shifted = new float[3];
        g.apply(new double[] {1, 5, 0}, base, 0);
        g.apply(new double[] {2, 6, 1}, shifted, 0);
        assertThat(shifted[2] - base[2]).isLessThan(1f);
        p.apply(new double[] {1, 5, 0}, base, 0);
        p.apply(new double[] {2, 6, 1}, shifted, 0);
        assertThat(shifted[2] - base[2]).isGreaterThan(9f);
    }
}

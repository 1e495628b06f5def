package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentileCalibratorTest {

    @Test
    void clipsTheOutliersBeyondThePercentile() {
        PercentileCalibrator c = new PercentileCalibrator(99);
        double[] values = new double[1000];
        for (int i = 0; i < 1000; i++) {
            values[i] = i - 100; // -100 .. 899
        }
        values[999] = 1e6; // one wild outlier
        c.observe(values);
        // nearest rank: 1% of 1000 -> 10th smallest (-91); 99% -> 990th smallest (889).
        assertThat(c.range()).isEqualTo(new CalibrationRange(-91, 889));
    }

    @Test
    void hundredIsMinMax() {
        PercentileCalibrator p = new PercentileCalibrator(100);
        MinMaxCalibrator m = new MinMaxCalibrator();
        double[] v = {-3, 7, 0.5, 2, -0.25};
        p.observe(v);
        m.observe(v);
        assertThat(p.range()).isEqualTo(m.range());
    }

    @Test
    void growsAcrossManyObservations() {
        PercentileCalibrator c = new PercentileCalibrator(99.9);
        for (int s = 0; s < 500; s++) {
            c.observe(new double[] {s, -s / 10.0, 1});
        }
        assertThat(c.range().max()).isEqualTo(498);
        assertThat(c.range().min()).isEqualTo(-49.8);
    }

    @Test
    void rejectsSillyPercentiles() {
        assertThatThrownBy(() -> new PercentileCalibrator(50)).hasMessageContaining("(50, 100]");
        assertThatThrownBy(() -> new PercentileCalibrator(100.5)).isInstanceOf(IllegalArgumentException.class);
    }
}

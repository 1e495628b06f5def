package dev.downhill.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
    // actual a: 8 right, 2 predicted b; actual b: 1 predicted a, 4 right; class c never occurs or is predicted.
    private final ClassificationReport report = new ClassificationReport(List.of("a", "b", "c"),
            new int[][] {{8, 2, 0}, {1, 4, 0}, {0, 0, 0}});

    @Test
    void accuracyPrecisionRecall() {
        assertThat(report.total()).isEqualTo(15);
        assertThat(report.accuracy()).isCloseTo(12.0 / 15, within(1e-12));
        assertThat(report.precision(0)).isCloseTo(8.0 / 9, within(1e-12));
        assertThat(report.recall(0)).isCloseTo(0.8, within(1e-12));
        assertThat(report.precision(1)).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(report.recall(1)).isCloseTo(0.8, within(1e-12));
        assertThat(report.precision(2)).isNaN();
        assertThat(report.recall(2)).isNaN();
    }

    @Test
    void textAndJson() {
        assertThat(report.toText()).startsWith("accuracy 80.00% (12 of 15)").contains("a          88.9%   80.0%       10");
        assertThat(report.toJson().at("/classes/2/precision").isNull()).isTrue();
        assertThat(report.toJson().at("/confusion/1/0").intValue()).isEqualTo(1);
    }
}

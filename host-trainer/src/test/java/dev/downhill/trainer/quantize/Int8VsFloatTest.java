package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class Int8VsFloatTest {

    @Test
    void classificationCountsAccuracyAgreementAndSteps() {
        Int8VsFloat c = Int8VsFloat.classification(TensorQuantization.softmaxOutput());
        // Sample 1: both say class 0, label 0. int8 0.5 = -128 + 128 -> q 0; float 0.5: 0 steps.
        c.addClassified(0, new double[] {0.5, 0.3, 0.2}, new byte[] {0, -51, -77});
        // Sample 2: float says 1 (label), int8 says 0: disagreement. Max step difference 3.16 (0.39 vs q -25 = 103/256).
        c.addClassified(1, new double[] {0.39, 0.41, 0.2}, new byte[] {-25, -26, -77});
        Int8VsFloat.Result r = c.result();
        assertThat(r.metric()).isEqualTo("accuracy");
        assertThat(r.samples()).isEqualTo(2);
        assertThat(r.floatValue()).isEqualTo(1.0);
        assertThat(r.int8Value()).isEqualTo(0.5);
        assertThat(r.agreement()).isEqualTo(0.5);
        assertThat(r.accuracyLossPoints()).isEqualTo(50.0);
        assertThat(r.maxOutputStepDifference()).isCloseTo(Math.abs(103 / 256.0 - 0.39) * 256, Offset.offset(1e-9));
    }

    @Test
    void regressionUsesRestoredUnits() {
        TensorQuantization out = new TensorQuantization(0.5f, 0);
        Int8VsFloat r = Int8VsFloat.regression(out);
        // Outputs are standardised: target = 10 + 2 * z.
        r.addRegressed(12, 1.0, (byte) 2, z -> 10 + 2 * z); // int8 1.0 exactly
        r.addRegressed(10, 0.2, (byte) 1, z -> 10 + 2 * z); // int8 0.5: 0.6 steps away
        Int8VsFloat.Result res = r.result();
        assertThat(res.metric()).isEqualTo("rmse");
        assertThat(res.floatValue()).isCloseTo(Math.sqrt((0 + 0.16) / 2), Offset.offset(1e-12));
        assertThat(res.int8Value()).isCloseTo(Math.sqrt((0 + 1.0) / 2), Offset.offset(1e-12));
        assertThat(res.agreement()).isEqualTo(1.0);
        assertThat(res.maxOutputStepDifference()).isCloseTo(0.6, Offset.offset(1e-12));
        assertThat(res.accuracyLossPoints()).isNaN();
    }

    @Test
    void refusesMixingTasksAndEmptyResults() {
        Int8VsFloat c = Int8VsFloat.classification(TensorQuantization.softmaxOutput());
        assertThatThrownBy(c::result).hasMessageContaining("no samples");
        assertThatThrownBy(() -> c.addRegressed(0, 0, (byte) 0, z -> z)).hasMessageContaining("classification");
    }
}

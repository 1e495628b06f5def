package dev.downhill.trainer.quantize;

import dev.downhill.runtime.format.ModelFields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.ModelFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the encoded model in tiny-runtime's Interpreter and compares it with the float network. */
class DhmEncoderTest {

    private final TinyMlp mlp = new TinyMlp(42, true, 8, 16, 12, 4);
    private final List<double[]> rows = TinyMlp.rows(1, 300, 8);
    private final QuantizedNetwork q = new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, rows, true);

    @Test
    void modelLoadsWithEveryParameterInPlace() {
        Model m = Model.load(DhmEncoder.encode(q, "{\"task\":\"classify\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(m.layerCount()).isEqualTo(4);
        assertThat(m.layerKind(3)).isEqualTo(ModelFormat.KIND_SOFTMAX);
        assertThat(m.inputSize()).isEqualTo(8);
        assertThat(m.outputSize()).isEqualTo(4);
        assertThat(m.hasInputStage()).isTrue();
        assertThat(m.inputZeroPoint()).isEqualTo(q.input().zeroPoint());
        assertThat(Float.intBitsToFloat(ModelFields.inputScaleBits(m))).isEqualTo(q.input().scale());
        QuantizedLayer l1 = q.layers().get(1);
        assertThat(ModelFields.weightScaleCount(m, 1)).isEqualTo(12);
        assertThat(Float.intBitsToFloat(ModelFields.weightScaleBits(m, 1, 5))).isEqualTo(l1.weights().scales()[5]);
        assertThat(m.weight(1, 5, 7)).isEqualTo(l1.weights().at(5, 7));
        assertThat(m.bias(1, 5)).isEqualTo(l1.bias()[5]);
        assertThat(ModelFields.activation(m, 0)).isEqualTo(dev.downhill.runtime.kernels.Activation.RELU);
        assertThat(ModelFields.metadataLength(m)).isEqualTo(19);
    }

    @Test
    void int8LogitsStayWithinAFewStepsOfTheFloatOnes() {
        QuantizedNetwork logits = new QuantizedNetwork(q.input(), q.inputStage(), q.layers(), false);
        Interpreter in = new Interpreter(Model.load(DhmEncoder.encode(logits, null)));
        TensorQuantization out = logits.output();
        int agree = 0;
        double worstSteps = 0;
        for (double[] row : rows) {
            int[] raw = new int[row.length];
            for (int f = 0; f < raw.length; f++) {
                raw[f] = (int) row[f];
            }
            in.invoke(raw, 0);
            double[] ref = mlp.activations(row)[3];
            int best = 0;
            for (int c = 0; c < ref.length; c++) {
                worstSteps = Math.max(worstSteps, Math.abs(out.dequantize(in.output(c)) - ref[c]) / out.scale());
                best = ref[c] > ref[best] ? c : best;
            }
            agree += in.argMax() == best ? 1 : 0;
        }
        // Three requantisations of up to half a step each plus weight rounding: a few steps at most.
        assertThat(worstSteps).isLessThan(6);
        assertThat(agree).isGreaterThanOrEqualTo(rows.size() * 95 / 100);
    }

    @Test
    void inputStageMatchesTheFloatStandardisationWithinOneStep() {
        Interpreter in = new Interpreter(Model.load(DhmEncoder.encode(q, null)));
        for (double[] row : rows) {
            int[] raw = new int[row.length];
            for (int f = 0; f < raw.length; f++) {
                raw[f] = (int) row[f];
            }
            in.quantizeInput(raw, 0);
            double[] z = mlp.activations(row)[0];
            for (int f = 0; f < z.length; f++) {
                int expected = q.input().quantize(z[f]);
                assertThat((int) in.activations()[in.inputOffset() + f]).isBetween(expected - 1, expected + 1);
            }
        }
    }

    /**
     * The same agreement for decimal data in mixed units: each integer row becomes {@code v·a_f + b_f} (tenths,
     * hundredths, thousandths, negative values, hundreds of thousands), the network standardises with the statistics
     * mapped the same way, and the stage, fed readings in the units the quantiser chose, still lands within one
     * int8 step of the float standardisation.
     */
    @Test
    void inputStageMatchesTheFloatStandardisationWithinOneStepOnDecimalDataInMixedUnits() {
        double[] a = {0.1, 0.01, 0.001, 1, 1000, 0.25, 0.5, 0.0001};
        double[] b = {0, -0.08, 1.5, -7, 120000, -3, 0, 2};
        TinyMlp decimal = new TinyMlp(42, true, 8, 16, 12, 4);
        for (int f = 0; f < 8; f++) {
            decimal.means[f] = mlp.means[f] * a[f] + b[f];
            decimal.deviations[f] = mlp.deviations[f] * a[f];
        }
        List<double[]> decimalRows = new java.util.ArrayList<>();
        for (double[] row : rows) {
            double[] d = new double[8];
            for (int f = 0; f < 8; f++) {
                // Rounded to the decimals a CSV would show, as the row's own value.
                d[f] = new java.math.BigDecimal(row[f] * a[f] + b[f]).setScale(6, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros().doubleValue();
            }
            decimalRows.add(d);
        }
        QuantizedNetwork dq = new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(decimal, decimalRows, true);
        RawUnits units = dq.inputStage().units();
        assertThat(units.decimals()).containsExactly(1, 2, 3, 0, -1, 2, 1, 4);
        Interpreter in = new Interpreter(Model.load(DhmEncoder.encode(dq, null)));
        int exact = 0;
        for (double[] row : decimalRows) {
            in.quantizeInput(units.toRaw(row), 0);
            double[] z = decimal.activations(row)[0];
            for (int f = 0; f < z.length; f++) {
                int expected = dq.input().quantize(z[f]);
                int actual = in.activations()[in.inputOffset() + f];
                assertThat(actual).as("feature %d of %s", f, java.util.Arrays.toString(row))
                        .isBetween(expected - 1, expected + 1);
                exact += actual == expected ? 1 : 0;
            }
        }
        assertThat(exact).as("exactly the float quantisation").isGreaterThan(rows.size() * 8 * 95 / 100);
    }

    @Test
    void singleOutputLayerIsStoredPerTensor() {
        TinyMlp regressor = new TinyMlp(3, false, 4, 8, 1);
        QuantizedNetwork r = new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(regressor, TinyMlp.rows(2, 50, 4), true);
        Model m = Model.load(DhmEncoder.encode(r, null));
        assertThat(ModelFields.weightScaleCount(m, 1)).isEqualTo(1);
        assertThat(ModelFields.weightScaleCount(m, 0)).isEqualTo(8);
    }
}

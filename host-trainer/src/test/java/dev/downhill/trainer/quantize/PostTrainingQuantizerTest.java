package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostTrainingQuantizerTest {

    private final TinyMlp mlp = new TinyMlp(42, true, 8, 6, 4, 3);
    private final List<double[]> rows = TinyMlp.rows(1, 200, 8);

    @Test
    void layersChainTheirQuantisation() {
        QuantizedNetwork q = new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, rows, true);
        assertThat(q.layers()).hasSize(3);
        assertThat(q.softmax()).isTrue();
        assertThat(q.output()).isEqualTo(TensorQuantization.softmaxOutput());
        assertThat(q.macs()).isEqualTo(8 * 6 + 6 * 4 + 4 * 3);
        assertThat(q.layers().get(0).input()).isEqualTo(q.input());
        for (int l = 1; l < 3; l++) {
            assertThat(q.layers().get(l).input()).isEqualTo(q.layers().get(l - 1).output());
        }
        // Hidden ReLU outputs are >= 0: the calibrated range starts at 0, so the zero point is -128.
        assertThat(q.layers().get(0).output().zeroPoint()).isEqualTo(-128);
        assertThat(q.layers().get(0).range()).isEqualTo(new ActivationRange(-128, 127));
    }

    @Test
    void calibratedRangeCoversEveryObservedActivation() {
        QuantizedNetwork q = new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, rows, true);
        for (double[] row : rows) {
            double[][] a = mlp.activations(row);
            for (int l = 0; l < 3; l++) {
                TensorQuantization out = q.layers().get(l).output();
                for (double v : a[l + 1]) {
                    // min/max: nothing saturates beyond half a step.
                    assertThat(Math.abs(out.dequantize(out.quantize(v)) - v)).isLessThanOrEqualTo(out.scale() * 0.5 + 1e-6);
                }
            }
        }
    }

    /**
     * A regressor's output range reaches a quarter of the calibrated span beyond it on each side, so predictions a
     * little outside what the calibration data produced do not saturate; hidden layers keep their min/max range.
     */
    @Test
    void aRegressionOutputKeepsHeadroomBeyondTheCalibratedRange() {
        TinyMlp regressor = new TinyMlp(42, false, 8, 6, 1);
        QuantizedNetwork q = new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(regressor, rows, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : rows) {
            double y = regressor.activations(row)[2][0];
            lo = Math.min(lo, y);
            hi = Math.max(hi, y);
        }
        double margin = 0.25 * (hi - lo);
        TensorQuantization out = q.layers().get(1).output();
        TensorQuantization expected = TensorQuantization.fromRange(CalibrationRange.including0(lo - margin, hi + margin));
        assertThat(out).isEqualTo(expected);
        double top = out.dequantize(127);
        double bottom = out.dequantize(-128);
        assertThat(top).isGreaterThanOrEqualTo(hi + margin - out.scale());
        assertThat(bottom).isLessThanOrEqualTo(lo - margin + out.scale());
        TensorQuantization hidden = q.layers().get(0).output();
        assertThat(hidden).isEqualTo(new PostTrainingQuantizer(MinMaxCalibrator::new)
                .quantize(new TinyMlp(42, true, 8, 6, 1), rows, true).layers().get(0).output());
    }

    @Test
    void multiplierMatchesTheScales() {
        QuantizedNetwork q = new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, rows, true);
        QuantizedLayer l = q.layers().get(1);
        for (int c = 0; c < l.outputs(); c++) {
            double real = (double) l.input().scale() * l.weights().scales()[c] / l.output().scale();
            assertThat(l.multipliers()[c]).isEqualTo(QuantizedMultiplier.fromReal(real));
        }
    }

    @Test
    void percentileClipsTighterThanMinMax() {
        QuantizedNetwork minMax = new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, rows, true);
        QuantizedNetwork pct = new PostTrainingQuantizer(() -> new PercentileCalibrator(99)).quantize(mlp, rows, true);
        assertThat(pct.layers().get(0).output().scale()).isLessThan(minMax.layers().get(0).output().scale());
    }

    @Test
    void inputStageIsFoldedOnlyWhenAsked() {
        assertThat(new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, rows, false).inputStage()).isNull();
        InputStage s = new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, rows, true).inputStage();
        assertThat(s.features()).isEqualTo(8);
        assertThat(s.offsets()[0]).isEqualTo(Math.round(mlp.means[0] * 32768));
    }

    @Test
    void theInputStageReadsIntegerDataInUnitsOfOneAndDecimalDataInTheirFinestFittingUnit() {
        PostTrainingQuantizer ptq = new PostTrainingQuantizer(MinMaxCalibrator::new);
        assertThat(ptq.quantize(mlp, rows, true).inputStage().units()).isEqualTo(RawUnits.ones(8));
        // The same rows at a tenth of the scale, written with one decimal: the stage reads them in units of 0.1,
        // so its readings are the integer rows and its constants those of the integer model of mlp / 10.
        TinyMlp tenth = new TinyMlp(42, true, 8, 6, 4, 3);
        List<double[]> decimals = new java.util.ArrayList<>();
        for (double[] row : rows) {
            double[] d = new double[row.length];
            for (int f = 0; f < row.length; f++) {
                d[f] = row[f] / 10;
            }
            decimals.add(d);
        }
        for (int f = 0; f < 8; f++) {
            tenth.means[f] = mlp.means[f] / 10;
            tenth.deviations[f] = mlp.deviations[f] / 10;
        }
        InputStage integer = ptq.quantize(mlp, rows, true).inputStage();
        InputStage decimal = ptq.quantize(tenth, decimals, true).inputStage();
        assertThat(decimal.units()).isEqualTo(RawUnits.of(1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(decimal.offsets()).containsExactly(integer.offsets());
        assertThat(decimal.multipliers()).containsExactly(integer.multipliers());
        assertThat(decimal.shifts()).containsExactly(integer.shifts());
        assertThat(ptq.quantize(mlp, rows, (RawUnits) null).inputStage()).isNull();
    }

    @Test
    void emptyCalibrationIsRefused() {
        assertThatThrownBy(() -> new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, List.of(), true))
                .hasMessageContaining("no rows");
    }
}

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
    void rawIntegerDataIsRecognised() {
        assertThat(PostTrainingQuantizer.rawIntegerData(rows)).isTrue();
        assertThat(PostTrainingQuantizer.rawIntegerData(List.of(new double[] {5.1, 3.5}))).isFalse();
        assertThat(PostTrainingQuantizer.rawIntegerData(List.<double[]>of(new double[] {40000}))).isFalse();
    }

    @Test
    void emptyCalibrationIsRefused() {
        assertThatThrownBy(() -> new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, List.of(), true))
                .hasMessageContaining("no rows");
    }
}

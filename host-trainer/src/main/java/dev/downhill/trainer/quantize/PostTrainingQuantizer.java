package dev.downhill.trainer.quantize;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Post-training quantisation of a float MLP: runs representative raw rows through the float model,
 * calibrates one range per activation tensor, and derives every int8 / int32 constant of the
 * runtime model (docs/quantization.md).
 *
 * <p>Choices, all TFLite's: activations int8 asymmetric per tensor; weights int8 symmetric per output
 * channel; biases int32 at scale {@code S_in · S_w[c]}; fused activations become clamps; a softmax
 * gets the fixed output quantisation 1/256, −128. The input standardisation is folded into the
 * runtime's input stage, which takes each feature as an int16 reading in a decimal {@link RawUnits raw unit}
 * chosen from the calibration data (1 for integer data, 0.1 for iris).
 */
public final class PostTrainingQuantizer {

    /**
     * How far a regression output's int8 range reaches beyond what the calibration data produced, as a share of
     * that span on each side. A regressor extrapolates: on make_regression (8 Gaussian features) 8% of the test
     * predictions lay beyond the training predictions' range and saturated, so int8 RMSE was 16% above float
     * (12.21 against 10.50); with a quarter of headroom it is 1.7% above (10.68), for an output step 1.5 times as
     * coarse. Classifier outputs feed a softmax, whose input range the calibration already bounds well.
     */
    static final double REGRESSION_OUTPUT_HEADROOM = 0.25;

    private final Supplier<Calibrator> calibrators;
    private final WeightScales weightScales;

    /** @param calibrators makes a fresh calibrator per tensor (min/max or percentile); weights per channel */
    public PostTrainingQuantizer(Supplier<Calibrator> calibrators) {
        this(calibrators, WeightScales.PER_CHANNEL);
    }

    /**
     * @param calibrators makes a fresh calibrator per tensor (min/max or percentile)
     * @param weightScales one weight scale per output channel, or one per layer
     */
    public PostTrainingQuantizer(Supplier<Calibrator> calibrators, WeightScales weightScales) {
        this.calibrators = calibrators;
        this.weightScales = weightScales;
    }

    /**
     * Quantises {@code network} using {@code calibrationRows} (raw feature rows, as in the CSV).
     *
     * @param foldInputStage whether to fold the standardisation into a raw input stage, whose units are then
     *     {@link RawUnits#fit} of the calibration rows
     */
    public QuantizedNetwork quantize(FloatNetwork network, List<double[]> calibrationRows, boolean foldInputStage) {
        if (calibrationRows.isEmpty()) {
            throw new IllegalArgumentException("calibration data has no rows");
        }
        return quantize(network, calibrationRows, foldInputStage ? RawUnits.fit(calibrationRows) : null);
    }

    /**
     * Quantises {@code network} using {@code calibrationRows} (raw feature rows, as in the CSV).
     *
     * @param rawUnits the units of the raw input stage's readings, or {@code null} for a model without one
     *     (it takes int8 input)
     */
    public QuantizedNetwork quantize(FloatNetwork network, List<double[]> calibrationRows, RawUnits rawUnits) {
        if (calibrationRows.isEmpty()) {
            throw new IllegalArgumentException("calibration data has no rows");
        }
        int tensors = network.layerCount() + 1;
        List<Calibrator> observed = new ArrayList<>(tensors);
        for (int t = 0; t < tensors; t++) {
            observed.add(calibrators.get());
        }
        for (double[] row : calibrationRows) {
            double[][] activations = network.activations(row);
            for (int t = 0; t < tensors; t++) {
                observed.get(t).observe(activations[t]);
            }
        }
        List<TensorQuantization> q = new ArrayList<>(tensors);
        for (int t = 0; t < tensors; t++) {
            CalibrationRange range = observed.get(t).range();
            if (t == tensors - 1 && !network.softmaxOutput()) {
                range = withRegressionHeadroom(range);
            }
            q.add(TensorQuantization.fromRange(range));
        }
        List<QuantizedLayer> layers = new ArrayList<>(network.layerCount());
        for (int l = 0; l < network.layerCount(); l++) {
            layers.add(QuantizedLayer.of(network.weights(l), network.bias(l), network.activation(l), q.get(l), q.get(l + 1),
                    weightScales));
        }
        InputStage stage = rawUnits != null
                ? InputStage.fold(network.featureMeans(), network.featureDeviations(), q.get(0), rawUnits)
                : null;
        return new QuantizedNetwork(q.get(0), stage, layers, network.softmaxOutput());
    }

    /** {@code r} widened by {@link #REGRESSION_OUTPUT_HEADROOM} of its span on each side. */
    static CalibrationRange withRegressionHeadroom(CalibrationRange r) {
        double margin = REGRESSION_OUTPUT_HEADROOM * (r.max() - r.min());
        return CalibrationRange.including0(r.min() - margin, r.max() + margin);
    }
}

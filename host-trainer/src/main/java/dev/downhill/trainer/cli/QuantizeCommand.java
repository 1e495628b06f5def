package dev.downhill.trainer.cli;

import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.DatasetReader;
import dev.downhill.trainer.data.FeatureTable;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.export.ModelMetadata;
import dev.downhill.trainer.io.AtomicFileWriter;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.quantize.Calibrator;
import dev.downhill.trainer.quantize.DhmEncoder;
import dev.downhill.trainer.quantize.Rounding;
import dev.downhill.trainer.quantize.WeightScales;
import dev.downhill.trainer.quantize.Int8Evaluation;
import dev.downhill.trainer.quantize.Int8VsFloat;
import dev.downhill.trainer.quantize.MinMaxCalibrator;
import dev.downhill.trainer.quantize.PercentileCalibrator;
import dev.downhill.trainer.quantize.PostTrainingQuantizer;
import dev.downhill.trainer.quantize.QuantizationAwareTraining;
import dev.downhill.trainer.quantize.QuantizedNetwork;
import dev.downhill.trainer.quantize.RawReadings;
import dev.downhill.trainer.quantize.RawUnits;
import dev.downhill.trainer.quantize.TrainerFloatNetwork;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code downhill quantize}: float model directory → int8 {@code .dhm} plus its model card. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        header = "Quantise a float model to an int8 .dhm for tiny-runtime, with its model card.",
        description = {"Quantise a float model to an int8 .dhm for tiny-runtime (post-training quantisation,",
            "optionally with quantisation-aware fine-tuning), and write its model card beside it.",
            "Example: downhill quantize --model model --calibration bundled:digits-train --test bundled:digits-test "
                    + "--out digits.dhm"})
final class QuantizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory from 'downhill train'.")
    Path model;

    @Option(names = "--calibration", required = true, paramLabel = "FILE",
            description = "Representative CSV with the model's feature columns (by name, any order), or bundled:NAME. "
                    + "Other columns (the label, an id) are ignored; those besides the label are named once on stderr. "
                    + "Fewer than 30 rows get a warning: the int8 ranges would fit just those rows.")
    String calibration;

    @Option(names = "--out", required = true, paramLabel = "M.dhm",
            description = "The int8 model to write; its model card goes to M.dhm.json.")
    Path out;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Labelled CSV on which float and int8 are compared (the label and feature columns by "
                    + "name; others are ignored). Default: the calibration data if it has the label column.")
    String test;

    @Option(names = "--calibration-method", defaultValue = "minmax", paramLabel = "minmax|percentile",
            description = "How activation ranges are chosen. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--percentile", defaultValue = "99.99", paramLabel = "P",
            description = "Upper percentile kept by --calibration-method percentile, in (50, 100]. Default: ${DEFAULT-VALUE}.")
    double percentile;

    @Option(names = "--qat-epochs", defaultValue = "0", paramLabel = "N",
            description = "Epochs of quantisation-aware fine-tuning on the calibration data (needs its labels). "
                    + "Default: ${DEFAULT-VALUE} (plain post-training quantisation).")
    int qatEpochs;

    @Option(names = "--no-input-stage",
            description = "Do not fold standardisation into a raw input stage (which takes each feature as an int16 "
                    + "reading in a decimal unit chosen from the calibration data, e.g. 0.1); the model takes int8 "
                    + "input.")
    boolean noInputStage;

    @Option(names = "--weights", paramLabel = "per-channel|per-tensor", defaultValue = "per-channel",
            converter = WeightScalesConverter.class,
            description = "One weight scale per output channel (default: the finer grid) or one per layer, as"
                    + " TensorFlow Lite's interpreter needs (2.2.0 to 2.9.0 do not run per-channel FULLY_CONNECTED;"
                    + " LiteRT.js 2.5.3 does).")
    WeightScales weightScales;

    @Option(names = "--rounding", paramLabel = "double|single|double-half-up", defaultValue = "double",
            converter = RoundingConverter.class, description = RoundingConverter.HELP)
    Rounding rounding;

    /** Columns not to mention when ignored: those the user left out of training ({@code train --quantize}). */
    private List<String> knownIgnored = List.of();

    /**
     * Fewer calibration rows than this get a warning: min/max ranges of a handful of rows are those rows' own, so
     * any other input lands outside them (TensorFlow Lite's guide suggests a hundred or more representative rows).
     */
    static final int FEW_CALIBRATION_ROWS = 30;

    @Override
    public Integer call() {
        Supplier<Calibrator> calibrators = calibrators();
        if (qatEpochs < 0) {
            throw new ParameterException(spec.commandLine(), "--qat-epochs must be >= 0, got " + qatEpochs);
        }
        if (qatEpochs > 0 && weightScales == WeightScales.PER_TENSOR) {
            throw new ParameterException(spec.commandLine(), "--qat-epochs fake-quantises the weights per channel;"
                    + " it cannot fine-tune for --weights per-tensor (quantize without QAT, or per channel)");
        }
        FloatModel floatModel = FloatModel.load(model);
        CsvTable calibrationTable = CsvTable.read(DataSource.of(calibration));
        FeatureTable calibrationFeatures = FeatureTable.read(calibrationTable, floatModel.featureNames(),
                floatModel.labelColumn());
        List<double[]> rows = calibrationFeatures.rows();
        Dataset testData = testData(floatModel, calibrationTable);
        PrintWriter err = spec.commandLine().getErr();
        ColumnNotes.ignored(err, calibrationTable.source(), calibrationFeatures.ignoredColumns(), knownIgnored);
        if (rows.size() < FEW_CALIBRATION_ROWS) {
            err.println("warning: " + calibrationTable.source() + ": only " + rows.size() + " row"
                    + (rows.size() == 1 ? "" : "s") + " to calibrate on; the int8 ranges (and raw units) fit just these "
                    + "rows and clip or saturate other inputs: calibrate on the training data");
            err.flush();
        }
        if (test != null) {
            ColumnNotes.ignored(err, testData.source(), testData.ignoredColumns(), knownIgnored);
        }
        PrintWriter log = spec.commandLine().getOut();

        TrainerFloatNetwork original = new TrainerFloatNetwork(floatModel);
        TrainerFloatNetwork network = original;
        RawUnits units = noInputStage ? null : RawUnits.fit(rows);
        PostTrainingQuantizer quantizer = new PostTrainingQuantizer(calibrators, weightScales);
        QuantizedNetwork q = quantize(quantizer, network, rows, units);
        if (qatEpochs > 0) {
            Dataset labelled = DatasetReader.matching(calibrationTable, floatModel.labelColumn(), floatModel.task(),
                    floatModel.featureNames(), floatModel.labels());
            FloatModel tuned = QuantizationAwareTraining.fineTune(floatModel, q, labelled, qatEpochs, seed(floatModel));
            network = new TrainerFloatNetwork(tuned);
            q = quantize(quantizer, network, rows, units);
        }
        byte[] dhm = DhmEncoder.encode(q, metadata(floatModel, rows.size(), units).toBytes(), rounding);
        Int8VsFloat.Result result = null;
        String testName = null;
        if (testData != null) {
            if (units != null) {
                noteReadings(testData.source(), units, floatModel, err);
            }
            try {
                // Compared with the user's float model, also after QAT (which changed the weights).
                result = Int8Evaluation.run(dhm, original, testData, units != null ? units : RawUnits.ones(rows.get(0).length));
            } catch (IllegalArgumentException e) {
                throw new DownhillException(e.getMessage(), e);
            }
            testName = testData.source();
        }
        byte[] card = ModelCard.toJson(ModelCard.describe(dhm, out.getFileName().toString(), result, testName));
        // Everything is computed before anything is written; each file is written atomically.
        AtomicFileWriter.write(out, dhm);
        AtomicFileWriter.write(cardPath(out), card);
        report(log, q, dhm, result, testName, floatModel.featureNames());
        return ExitCodes.OK;
    }

    /**
     * Says once, located in the --test file, if its values had to be rounded to their unit or saturated to int16
     * to become the stage's readings, as the device would read them.
     */
    private void noteReadings(String testSource, RawUnits units, FloatModel m, PrintWriter err) {
        if (test == null) {
            return; // the calibration data themselves: they fit by construction; rounding is noted with the units
        }
        FeatureTable table = FeatureTable.read(CsvTable.read(DataSource.of(test)), m.featureNames(), m.labelColumn());
        RawReadings.of(table, units).notes(testSource).forEach(err::println);
    }

    /** {@code train --quantize}: the default quantisation of a model just trained, with train's output streams. */
    static void afterTraining(CommandSpec trainSpec, Path modelDir, String trainingData, String testData, Path dhm,
                              List<String> ignoredInTraining) {
        QuantizeCommand q = new QuantizeCommand();
        q.spec = trainSpec;
        q.model = modelDir;
        q.calibration = trainingData;
        q.test = testData;
        q.out = dhm;
        q.method = "minmax";
        q.percentile = 100;
        q.rounding = Rounding.DOUBLE;
        q.knownIgnored = ignoredInTraining;
        q.call();
    }

    private QuantizedNetwork quantize(PostTrainingQuantizer quantizer, TrainerFloatNetwork network, List<double[]> rows,
            RawUnits units) {
        try {
            return quantizer.quantize(network, rows, units);
        } catch (IllegalArgumentException e) {
            throw new DownhillException(calibration + ": cannot quantise: " + e.getMessage()
                    + (units != null ? " (--no-input-stage makes a model that takes int8 input)" : ""), e);
        }
    }

    static Path cardPath(Path dhm) {
        return dhm.resolveSibling(dhm.getFileName() + ModelCard.SUFFIX);
    }

    private Supplier<Calibrator> calibrators() {
        switch (method) {
            case "minmax":
                return MinMaxCalibrator::new;
            case "percentile":
                if (!(percentile > 50 && percentile <= 100)) {
                    throw new ParameterException(spec.commandLine(), "--percentile must be in (50, 100], got " + percentile);
                }
                return () -> new PercentileCalibrator(percentile);
            default:
                throw new ParameterException(spec.commandLine(),
                        "--calibration-method must be minmax or percentile, got '" + method + "'");
        }
    }

    /** The --test data, or the calibration data when it carries the label column. */
    private Dataset testData(FloatModel m, CsvTable calibrationTable) {
        if (test != null) {
            return DatasetReader.matching(CsvTable.read(DataSource.of(test)), m.labelColumn(), m.task(), m.featureNames(),
                    m.labels());
        }
        if (calibrationTable.columnIndex(m.labelColumn()) < 0) {
            return null;
        }
        return DatasetReader.matching(calibrationTable, m.labelColumn(), m.task(), m.featureNames(), m.labels());
    }

    private long seed(FloatModel m) {
        Object s = m.provenance().get("seed");
        return s instanceof Number n ? n.longValue() : 1L;
    }

    /**
     * The host's metadata for the model. The standardisation is kept only for a model that takes int8 input, where
     * the host (and a device driver) must apply it before quantising; a raw input stage has it folded in, and the
     * statistics would only take flash (about 2.4 KB of the digits model's 8.8). A raw input stage's units are kept
     * (the metadata leaves them out when every unit is 1).
     *
     * @param units the raw input stage's units, or {@code null} for a model that takes int8 input
     */
    private ModelMetadata metadata(FloatModel m, int calibrationRows, RawUnits units) {
        Map<String, Object> quantization = new LinkedHashMap<>();
        quantization.put("calibrationData", DataSource.of(calibration).name());
        quantization.put("calibrationRows", calibrationRows);
        quantization.put("calibrationMethod", method);
        if (method.equals("percentile")) {
            quantization.put("percentile", percentile);
        }
        quantization.put("qatEpochs", qatEpochs);
        quantization.put("weights", "int8 symmetric per output channel");
        quantization.put("activations", "int8 asymmetric per tensor");
        boolean classify = m.task() == Task.CLASSIFY;
        return new ModelMetadata(m.task().id(), m.featureNames(), m.labelColumn(),
                classify ? m.labels().names() : List.of(), units == null ? m.standardizer() : null, units,
                m.targetScaling().mean(), m.targetScaling().deviation(), m.provenance(), quantization);
    }

    private static void report(PrintWriter log, QuantizedNetwork q, byte[] dhm, Int8VsFloat.Result r, String testName,
                               List<String> features) {
        log.printf(Locale.ROOT, "wrote int8 model: %d layers, %d MACs, %d bytes, input %s%n", q.layers().size(), q.macs(),
                dhm.length, q.inputStage() != null ? "raw integers (standardisation folded in)" : "int8");
        if (q.inputStage() != null) {
            RawUnits units = q.inputStage().units();
            for (String line : units.describe(features)) {
                log.println("raw input: " + line);
            }
            List<Integer> coarser = new java.util.ArrayList<>();
            for (int f = 0; f < units.features(); f++) {
                if (units.coarserThanData(f)) {
                    coarser.add(f);
                }
            }
            if (coarser.size() == 1) {
                int f = coarser.get(0);
                log.println("note: " + features.get(f) + " has values finer than units of " + units.unit(f)
                        + ", the finest in which all of its values fit -32768..32767; the device reads them rounded");
            } else if (!coarser.isEmpty()) {
                List<String> named = coarser.stream().map(f -> features.get(f) + " (" + units.unit(f) + ")").toList();
                log.println("note: " + coarser.size() + " features have values finer than their units, the finest in "
                        + "which all of their values fit -32768..32767, and the device reads them rounded: "
                        + String.join(", ", named));
            }
        }
        if (r == null) {
            log.println("no labelled test data: float vs int8 not compared (pass --test FILE)");
        } else if (r.metric().equals("accuracy")) {
            log.printf(Locale.ROOT, "on %s (%d samples): float accuracy %.2f%%, int8 accuracy %.2f%% (%+.2f points), "
                            + "agreement %.2f%%, largest output difference %.2f int8 steps%n",
                    testName, r.samples(), 100 * r.floatValue(), 100 * r.int8Value(), 100 * (r.int8Value() - r.floatValue()),
                    100 * r.agreement(), r.maxOutputStepDifference());
        } else {
            log.printf(Locale.ROOT, "on %s (%d samples): float RMSE %.5g, int8 RMSE %.5g, within one output step %.2f%%, "
                            + "largest output difference %.2f int8 steps%n",
                    testName, r.samples(), r.floatValue(), r.int8Value(), 100 * r.agreement(), r.maxOutputStepDifference());
        }
        log.flush();
    }
}

package dev.downhill.trainer.cli;

import dev.downhill.trainer.DownhillException;
import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.export.CHeaderExporter;
import dev.downhill.trainer.export.GoldenVectorExporter;
import dev.downhill.trainer.export.GoldenVectors;
import dev.downhill.trainer.export.InputUnits;
import dev.downhill.trainer.export.JavaSourceExporter;
import dev.downhill.trainer.export.ModelCard;
import dev.downhill.trainer.export.ModelMetadata;
import dev.downhill.trainer.export.Provenance;
import dev.downhill.trainer.io.AtomicFileWriter;
import dev.downhill.trainer.quantize.Rounding;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.format.ModelFields;
import dev.downhill.trainer.tflite.TfliteExportException;
import dev.downhill.trainer.tflite.TfliteExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code downhill export}: a .dhm as Java source, a C header, golden vectors or a .tflite file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a .dhm model for firmware and other toolchains (formats: docs/export-formats.md).",
            // One format per line, within picocli's 79 columns: wrapped rows made the table unreadable.
            "  java    --package P --class C --out SRC_DIR: Java 8 source, load() -> Model",
            "  c       --out FILE.h|DIR [--class NAME]: C header, aligned byte array",
            "  golden  --data F.csv [--rows N] --out F.dhgv: every layer's int8 output",
            "  tflite  --out FILE.tflite: int8 TFLite flatbuffer",
            "Example: downhill export --model digits.dhm --format java --package com.acme",
            "  --class DigitsModel --out src"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.dhm", description = "The int8 model to export.")
    Path model;

    @Option(names = "--format", required = true, paramLabel = "java|c|golden|tflite", description = "Output format.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "java: source root directory; c: header file or directory; golden, tflite: file.")
    Path out;

    @Option(names = "--package", defaultValue = "", paramLabel = "P", description = "java: the package of the class.")
    String packageName;

    @Option(names = "--class", paramLabel = "C",
            description = "java: the class name (required); c: the array name (default downhill_model).")
    String className;

    @Option(names = "--data", paramLabel = "FILE",
            description = "golden: CSV of inputs (the model's feature columns, by name when it has metadata; raw "
                    + "values, or int8 values with --int8-in). Other columns are ignored and named on stderr.")
    String data;

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN",
            description = "golden: columns of --data that are not inputs (a label, an id), comma separated; needed for "
                    + "a model without metadata, whose inputs are the remaining columns in order.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--int8-in", description = "golden: --data holds already-quantised int8 inputs.")
    boolean int8In;

    @Option(names = "--rows", defaultValue = "100", paramLabel = "N",
            description = "golden: use the first N rows of --data. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Override
    public Integer call() throws Exception {
        OutputPath.notInput(spec, out, "--model", model.toString());
        OutputPath.notInput(spec, out, "--data", data);
        DhmFile dhm = DhmFile.read(model);
        Path written;
        switch (format) {
            case "java" -> {
                if (className == null) {
                    throw new ParameterException(spec.commandLine(), "--format java needs --class");
                }
                JavaSourceExporter e = named(() -> new JavaSourceExporter(packageName, className));
                written = out.resolve(e.relativePath());
                AtomicFileWriter.write(written, e.render(dhm.bytes(), provenance(dhm,
                        "--format java" + (packageName.isEmpty() ? "" : " --package " + packageName) + " --class " + className
                                + " --out DIR"), InputUnits.of(dhm.bytes(), dhm.name())));
            }
            case "c" -> {
                String symbol = className == null ? "downhill_model" : className;
                CHeaderExporter e = named(() -> new CHeaderExporter(symbol));
                written = out.toString().endsWith(".h") ? out : out.resolve(symbol + ".h");
                AtomicFileWriter.write(written, e.render(dhm.bytes(), provenance(dhm,
                        "--format c" + (className == null ? "" : " --class " + className) + " --out " + written.getFileName()),
                        InputUnits.of(dhm.bytes(), dhm.name())));
            }
            case "golden" -> {
                written = out;
                AtomicFileWriter.write(out, golden(dhm).toBytes());
            }
            case "tflite" -> {
                written = out;
                try {
                    TfliteExporter.write(dhm.bytes(), out);
                } catch (TfliteExportException e) {
                    throw new DownhillException(model + ": cannot export to TFLite: " + e.getMessage(), e);
                }
                spec.commandLine().getErr().println(tfliteRuntimeNote(dhm.model()));
                spec.commandLine().getErr().flush();
            }
            default -> throw new ParameterException(spec.commandLine(),
                    "--format must be java, c, golden or tflite, got '" + format + "'");
        }
        spec.commandLine().getOut().println("wrote " + written + " (" + Files.size(written) + " bytes)");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private GoldenVectors golden(DhmFile dhm) {
        if (data == null) {
            throw new ParameterException(spec.commandLine(), "--format golden needs --data FILE");
        }
        if (rows < 1) {
            throw new ParameterException(spec.commandLine(), "--rows must be >= 1, got " + rows);
        }
        ModelMetadata meta = ModelCard.metadata(dhm.model(), dhm.name());
        ModelInputs inputs = ModelInputs.read(dhm, meta, data, int8In, new ModelInputs.Skipped(null, ignore),
                spec.commandLine().getErr());
        int n = Math.min(rows, inputs.count());
        InputUnits units = InputUnits.of(dhm.bytes(), dhm.name());
        // The raw cases are readings in the model's units; say which when they are not the CSV's numbers.
        String source = DataSource.of(data).name() + " rows 1-" + n + (units == null || inputs.raw() == null ? ""
                : " as raw readings (" + String.join("; ", units.units().describe(units.features())) + ")");
        try {
            // A model without an input stage gets int8 cases, standardised and quantised on the host.
            return inputs.raw() != null ? GoldenVectorExporter.fromRaw(dhm.bytes(), inputs.raw().subList(0, n), source)
                    : GoldenVectorExporter.fromInt8(dhm.bytes(), inputs.int8().subList(0, n), source);
        } catch (IllegalArgumentException e) {
            throw new DownhillException(data + ": " + e.getMessage(), e);
        }
    }

    private Provenance provenance(DhmFile dhm, String options) {
        return Provenance.of(dhm.bytes(), dhm.name(), "downhill export --model " + dhm.name() + " " + options);
    }

    private <T> T named(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Which TensorFlow Lite builds compute the exported model's bits: those measured with its rounding, and for
     * per-channel weights only those that also run them (conformance-tests' TfliteComparison subclasses).
     * docs/tflite.md, "Rounding".
     */
    static String tfliteRuntimeNote(Model m) {
        boolean perChannel = false;
        for (int l = 0; l < m.layerCount(); l++) {
            perChannel |= m.isFullyConnected(l) && m.fullyConnected(l).isPerChannel();
        }
        Rounding rounding = Rounding.ofHeaderFlag(ModelFields.rounding(m));
        String by = perChannel ? rounding.perChannelComputedBy() : rounding.computedBy();
        if (by == null) {
            return "note: no measured TensorFlow Lite build computes this model's bits: " + rounding.computedBy()
                    + " rounds like it but runs per-channel FULLY_CONNECTED wrongly (quantize --weights per-tensor,"
                    + " or --rounding double for TensorFlow Lite Micro or single for LiteRT.js)";
        }
        return "note: this model's bits are computed by " + by + " (rounding " + rounding.cliName()
                + (perChannel ? ", per-channel weights, which TensorFlow Lite's interpreter up to 2.9.0 runs wrongly"
                        : "") + "); other builds differ by one step where a result sits on a tie (choose with"
                + " --rounding in quantize or import-tflite)";
    }
}

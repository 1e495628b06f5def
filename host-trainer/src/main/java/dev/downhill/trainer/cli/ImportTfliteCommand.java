package dev.downhill.trainer.cli;

import dev.downhill.runtime.format.ModelFields;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.kernels.Activation;
import dev.downhill.trainer.quantize.Rounding;
import dev.downhill.trainer.tflite.TfliteImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code downhill import-tflite F.tflite --out M.dhm}: converts an int8 TensorFlow Lite model into a
 * .dhm model (see {@link TfliteImporter} for what is supported). The .dhm is written atomically: a
 * refused or failed import never leaves a partial file. A corrupt or unsupported model surfaces as a
 * {@code TfliteImportException} whose message names the file and everything that was wrong.
 */
@Command(name = "import-tflite", mixinStandardHelpOptions = true,
        description = {"Convert an int8 TensorFlow Lite model into a Downhill .dhm model.",
            "Supported: int8 FULLY_CONNECTED (fused NONE/RELU/RELU6/RELU_N1_TO_1, per-tensor or per-channel"
                    + " weights), int8 SOFTMAX, RESHAPE keeping its quantisation (a Flatten; dropped),"
                    + " QUANTIZE/DEQUANTIZE at the model's edges."})
public final class ImportTfliteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "F.tflite", description = "the .tflite model to import")
    Path input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "M.dhm", description = "the .dhm file to write")
    Path output;

    @Option(names = "--rounding", paramLabel = "double|single|double-half-up", defaultValue = "double",
            converter = RoundingConverter.class,
            description = {RoundingConverter.HELP, "(A .tflite does not say: the TFLite build that runs it decides.)"})
    Rounding rounding;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new ParameterException(spec.commandLine(), "cannot read " + input + ": no such file");
        }
        byte[] dhm;
        try {
            dhm = TfliteImporter.importFile(input, output, rounding);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + input + ": no such file");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output + " (" + dhm.length + " bytes): " + describe(Model.load(dhm))
                + (rounding == Rounding.DOUBLE ? "" : ", rounding " + rounding.cliName()));
        out.flush();
        return 0;
    }

    /** "1 -> FULLY_CONNECTED 16 RELU -> FULLY_CONNECTED 16 RELU -> FULLY_CONNECTED 1". */
    static String describe(Model model) {
        StringBuilder sb = new StringBuilder().append(model.inputSize());
        for (int l = 0; l < model.layerCount(); l++) {
            sb.append(" -> ");
            if (model.isFullyConnected(l)) {
                sb.append("FULLY_CONNECTED ").append(model.layerOutputSize(l));
                if (model.fullyConnected(l).isPerChannel()) {
                    sb.append(" per-channel");
                }
                if (ModelFields.activation(model, l) != Activation.NONE) {
                    sb.append(' ').append(Activation.name(ModelFields.activation(model, l)));
                }
            } else {
                sb.append("SOFTMAX ").append(model.layerOutputSize(l));
            }
        }
        return sb.toString();
    }
}

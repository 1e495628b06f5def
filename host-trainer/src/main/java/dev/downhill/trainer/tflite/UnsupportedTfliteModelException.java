package dev.downhill.trainer.tflite;

import java.util.List;

/**
 * A well-formed TFLite model that Downhill cannot run. The import checks the whole model before
 * giving up, so {@link #problems()} lists <em>everything</em> unsupported (every foreign operator,
 * every non-int8 tensor, every unsupported option), not just the first thing found.
 */
public final class UnsupportedTfliteModelException extends TfliteImportException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    UnsupportedTfliteModelException(List<String> problems) {
        this("", problems);
    }

    private UnsupportedTfliteModelException(String prefix, List<String> problems) {
        super(prefix + format(problems));
        this.problems = List.copyOf(problems);
    }

    @Override
    UnsupportedTfliteModelException inFile(String file) {
        return new UnsupportedTfliteModelException(file + ": ", problems);
    }

    /** One line per unsupported thing, in model order. */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder sb = new StringBuilder("the model uses ").append(problems.size())
                .append(problems.size() == 1 ? " thing" : " things")
                .append(" Downhill cannot import (supported: int8 FULLY_CONNECTED with fused NONE/RELU/RELU6/RELU_N1_TO_1,"
                        + " int8 SOFTMAX, RESHAPE keeping its quantisation, QUANTIZE/DEQUANTIZE at the model's edges):");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}

package dev.downhill.trainer.cli;

import dev.downhill.trainer.quantize.Rounding;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --rounding double|single} (any case) into {@link Rounding}, naming both choices when it is neither. */
final class RoundingConverter implements ITypeConverter<Rounding> {

    /** The option's help, shared by the commands that write a .dhm. */
    static final String HELP = "How the .dhm requantises: double (default) as TensorFlow Lite Micro's reference kernels;"
            + " single as TFLite built with TFLITE_SINGLE_ROUNDING and as TensorFlow Lite's interpreter on x86"
            + " (2.6.2 measured bit-exact; other versions not measured).";

    @Override
    public Rounding convert(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "double":
                return Rounding.DOUBLE;
            case "single":
                return Rounding.SINGLE;
            default:
                throw new TypeConversionException(
                        "'" + value + "' is not a rounding: use double (TFLite Micro) or single (TFLITE_SINGLE_ROUNDING)");
        }
    }
}

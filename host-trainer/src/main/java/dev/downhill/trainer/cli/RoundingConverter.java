package dev.downhill.trainer.cli;

import dev.downhill.trainer.quantize.Rounding;

/** {@code --rounding double|single} into {@link Rounding}. */
final class RoundingConverter extends DashedEnumConverter<Rounding> {

    /** The option's help, shared by the commands that write a .dhm. */
    static final String HELP = "How the .dhm requantises: double (default) as TensorFlow Lite Micro's reference kernels;"
            + " single as TFLite built with TFLITE_SINGLE_ROUNDING and as TensorFlow Lite's interpreter on x86"
            + " (2.6.2 measured bit-exact; other versions not measured).";

    RoundingConverter() {
        super(Rounding.class, "a rounding", "double (TFLite Micro) or single (TFLITE_SINGLE_ROUNDING)");
    }
}

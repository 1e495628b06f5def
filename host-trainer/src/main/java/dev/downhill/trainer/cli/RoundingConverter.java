package dev.downhill.trainer.cli;

import dev.downhill.trainer.quantize.Rounding;

/** {@code --rounding double|single|double-half-up} into {@link Rounding}. */
final class RoundingConverter extends DashedEnumConverter<Rounding> {

    /** The option's help, shared by the commands that write a .dhm. */
    static final String HELP = "How the .dhm requantises: double (default) as TensorFlow Lite Micro's reference kernels"
            + " and TensorFlow Lite 2.2.0's interpreter on x86; single as TFLite built with TFLITE_SINGLE_ROUNDING, as"
            + " TensorFlow Lite 2.6.2's interpreter on x86 and as LiteRT.js 2.5.3; double-half-up as TensorFlow Lite"
            + " 2.9.0's interpreter on x86 (each measured bit-exact; other versions not measured).";

    RoundingConverter() {
        super(Rounding.class, "a rounding", "double (TFLite Micro), single (TFLITE_SINGLE_ROUNDING, TFLite 2.6.2)"
                + " or double-half-up (TFLite 2.9.0)");
    }
}

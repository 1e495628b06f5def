package dev.downhill.trainer.quantize;

import dev.downhill.runtime.format.ModelFormat;
import java.util.Locale;

/**
 * How a model's layers requantise their int32 sums, the one arithmetic choice TFLite leaves to the build (and
 * that its versions have made differently). All multiply by the same {@code M · 2^(shift-31)}; they differ by
 * one where a result sits on a tie.
 */
public enum Rounding {

    /**
     * TFLite Micro's default and its reference kernels: SRDHM, then a rounding divide by a power of two whose
     * ties go away from zero (two roundings). The golden vectors of TFLM's kernel tests are computed this way, and
     * so does TensorFlow Lite 2.2.0's interpreter on x86 (measured: TfliteCApiTest, bench/tflite-c-oracle.sh).
     */
    DOUBLE(ModelFormat.DOUBLE_ROUNDING, "TensorFlow Lite Micro and TensorFlow Lite 2.2.0's interpreter", "TensorFlow Lite Micro"),

    /**
     * {@code TFLITE_SINGLE_ROUNDING}: {@code (acc · M + 2^(30-shift)) >> (31-shift)}, one rounding. TFLM computes
     * this when built with the flag, and TensorFlow Lite 2.6.2's interpreter on x86 and LiteRT.js 2.5.3 do
     * (measured: conformance-tests' TfliteInterpreterTest, LiteRtTest).
     */
    SINGLE(ModelFormat.FLAG_SINGLE_ROUNDING, "TensorFlow Lite 2.6.2's interpreter and LiteRT.js 2.5.3", "LiteRT.js 2.5.3"),

    /**
     * SRDHM, then a rounding right shift whose ties go up (toward +infinity): TensorFlow Lite 2.9.0's interpreter
     * on x86 computes this (measured: conformance-tests' TfliteCApiTest, bench/tflite-c-oracle.sh).
     */
    DOUBLE_HALF_UP(ModelFormat.FLAG_HALF_UP, "TensorFlow Lite 2.9.0's interpreter", null);

    private final int headerFlag;
    private final String computedBy;
    private final String perChannelComputedBy;

    Rounding(int headerFlag, String computedBy, String perChannelComputedBy) {
        this.headerFlag = headerFlag;
        this.computedBy = computedBy;
        this.perChannelComputedBy = perChannelComputedBy;
    }

    /** The TensorFlow Lite builds measured to round this way, as a user would name them. */
    public String computedBy() {
        return computedBy;
    }

    /**
     * Those of {@link #computedBy()} measured to run per-channel FULLY_CONNECTED weights too (TFLite's interpreters
     * up to 2.9.0 do not), or null for none.
     */
    public String perChannelComputedBy() {
        return perChannelComputedBy;
    }

    /** The .dhm header flag that marks it. */
    public int headerFlag() {
        return headerFlag;
    }

    /** The rounding a loaded model's header flag names. */
    public static Rounding ofHeaderFlag(int flag) {
        for (Rounding r : values()) {
            if (r.headerFlag == flag) {
                return r;
            }
        }
        throw new IllegalArgumentException("no rounding has header flag " + flag);
    }

    /** As the CLI and the model card write it: {@code double}, {@code single}, {@code double-half-up}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package dev.downhill.conformance.golden;

import dev.downhill.trainer.quantize.Rounding;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link TfliteComparison} against LiteRT.js through Node.js: skipped unless {@code -Ddownhill.litert=DIR} names
 * the installed packages ({@code bench/litert-oracle.sh} installs them and runs this test). Measured: it rounds
 * once, as {@code TFLITE_SINGLE_ROUNDING} and TFLite 2.6.2 do, and unlike TFLite's interpreters up to 2.9.0 it
 * runs per-channel weights as TFLM does (docs/tflite.md, "Rounding").
 */
class LiteRtTest extends TfliteComparison {

    @BeforeAll
    static void installed() {
        availableOrSkipped(LiteRtOracle.unavailableReason(), LiteRtOracle.requested(), LiteRtOracle.MODULES_PROPERTY);
    }

    @Override
    String oracle() {
        return LiteRtOracle.oracle();
    }

    @Override
    Rounding rounding() {
        return Rounding.SINGLE;
    }

    @Override
    boolean runsPerChannel() {
        return true;
    }

    @Override
    TfliteOracle open(byte[] tflite) {
        return new LiteRtOracle(tflite);
    }
}

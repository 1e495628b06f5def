package dev.downhill.conformance.golden;

import dev.downhill.trainer.quantize.Rounding;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link TfliteComparison} against other TensorFlow Lite builds through their C API: skipped unless
 * {@code -Ddownhill.tflite.c=PATH} names the library ({@code bench/tflite-c-oracle.sh} fetches TFLite 2.2.0's
 * and 2.9.0's and runs this test on each). A named library that does not load fails the test instead.
 */
class TfliteCApiTest extends TfliteComparison {

    static final String ROUNDING_PROPERTY = "downhill.tflite.c.rounding";

    @BeforeAll
    static void libraryGiven() {
        availableOrSkipped(TfliteCApi.unavailableReason(), TfliteCApi.requested(), TfliteCApi.PATH_PROPERTY);
    }

    @Override
    String oracle() {
        return "TFLite " + TfliteCApi.version() + " C API";
    }

    /**
     * The rounding each TFLite build measured here computes, by {@code TfLiteVersion()}: 2.2.0 rounds as TFLM,
     * 2.9.0 rounds the second time with ties up (docs/tflite.md, "Rounding"). Another build names its rounding
     * with {@code -Ddownhill.tflite.c.rounding=double|single|double-half-up}.
     */
    @Override
    Rounding rounding() {
        String named = System.getProperty(ROUNDING_PROPERTY);
        if (named != null) {
            return Rounding.valueOf(named.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        String version = TfliteCApi.version();
        return switch (version) {
            case "2.2.0" -> Rounding.DOUBLE;
            case "2.9.0" -> Rounding.DOUBLE_HALF_UP;
            default -> throw new IllegalStateException("TFLite " + version + " has not been measured here: name the"
                    + " rounding it should compute with -D" + ROUNDING_PROPERTY + "=double|single|double-half-up");
        };
    }

    @Override
    TfliteOracle open(byte[] tflite) {
        return new TfliteCApi(tflite);
    }
}

package dev.downhill.conformance.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.downhill.trainer.quantize.Rounding;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link TfliteComparison} against another TensorFlow Lite version through its C API: skipped unless
 * {@code -Ddownhill.tflite.c=PATH} names the library ({@code bench/tflite-c-oracle.sh} fetches TFLite 2.9.0's
 * and runs this test). A named library that does not load fails the test instead.
 */
class TfliteCApiTest extends TfliteComparison {

    @BeforeAll
    static void libraryGiven() {
        String why = TfliteCApi.unavailableReason();
        if (TfliteCApi.requested()) {
            assertThat(why).as("the TFLite C library named by -D" + TfliteCApi.PATH_PROPERTY).isNull();
        }
        assumeTrue(why == null, why);
    }

    @Override
    String oracle() {
        return "TFLite " + TfliteCApi.version() + " C API";
    }

    @Override
    Rounding rounding() {
        return Rounding.DOUBLE_HALF_UP;
    }

    @Override
    TfliteOracle open(byte[] tflite) {
        return new TfliteCApi(tflite);
    }
}

package dev.downhill.trainer.quantize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the TFLM FULLY_CONNECTED cases copied into test resources (see tflm/README.md there). */
final class TflmFullyConnectedCases {

    private static final String RESOURCE = "tflm/fully_connected_int8_cases.json";

    private TflmFullyConnectedCases() {
    }

    static List<JsonNode> all() {
        try (InputStream in = TflmFullyConnectedCases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + RESOURCE);
            }
            List<JsonNode> cases = new ArrayList<>();
            new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scale given as a float32 bit pattern such as {@code "0x3f000000"}. */
    static float scale(JsonNode bits) {
        return Float.intBitsToFloat(Integer.parseUnsignedInt(bits.asText().substring(2), 16));
    }
}

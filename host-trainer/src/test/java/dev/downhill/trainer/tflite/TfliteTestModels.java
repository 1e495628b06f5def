package dev.downhill.trainer.tflite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bundled TFLite test models (see src/test/resources/dev/downhill/trainer/tflite/README.md). */
final class TfliteTestModels {

    private TfliteTestModels() {
    }

    static byte[] helloWorldInt8() {
        return resource("hello_world_int8.tflite");
    }

    static byte[] helloWorldFloat() {
        return resource("hello_world_float.tflite");
    }

    static byte[] resource(String name) {
        try (InputStream in = TfliteTestModels.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

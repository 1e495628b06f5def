package dev.downhill.conformance.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.tensorflow.lite.DataType;
import org.tensorflow.lite.Interpreter;
import org.tensorflow.lite.Tensor;

/**
 * TensorFlow Lite 2.6.2's own interpreter (its C++ kernels through its Java API, as DJL ships them on Maven
 * Central) running an int8-in, int8-out .tflite model: the third-party oracle the runtime is compared with bit
 * by bit. Nothing here shares code with tiny-runtime or the importer.
 *
 * <p>The native library is a linux-x86_64 (glibc) build; {@link #unavailableReason()} says why it cannot run
 * elsewhere, so that a test can skip with the reason instead of passing silently.
 */
final class TfliteInterpreter implements TfliteOracle {

    private static final String LIBRARY = "native/lib/libtensorflowlite_jni.so";
    private static final String UNAVAILABLE = loadNativeLibrary();

    private final Interpreter interpreter;
    private final ByteBuffer input;
    private final ByteBuffer output;

    /** An interpreter over the .tflite bytes, one thread (the reference of a single-core device). */
    TfliteInterpreter(byte[] tflite) {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException(UNAVAILABLE);
        }
        ByteBuffer model = ByteBuffer.allocateDirect(tflite.length).order(ByteOrder.nativeOrder());
        model.put(tflite).rewind();
        interpreter = new Interpreter(model, new Interpreter.Options().setNumThreads(1));
        Tensor in = interpreter.getInputTensor(0);
        Tensor out = interpreter.getOutputTensor(0);
        if (in.dataType() != DataType.INT8 || out.dataType() != DataType.INT8) {
            throw new IllegalArgumentException("expected int8 input and output, got " + in.dataType() + " and "
                    + out.dataType());
        }
        input = ByteBuffer.allocateDirect(in.numBytes()).order(ByteOrder.nativeOrder());
        output = ByteBuffer.allocateDirect(out.numBytes()).order(ByteOrder.nativeOrder());
    }

    /** Null when TFLite's native library loaded on this machine, else why not. */
    static String unavailableReason() {
        return UNAVAILABLE;
    }

    @Override
    public byte[] run(byte[] x) {
        input.clear();
        input.put(x).rewind();
        output.clear();
        interpreter.run(input, output);
        byte[] y = new byte[output.capacity()];
        output.rewind();
        output.get(y);
        return y;
    }

    @Override
    public void close() {
        interpreter.close();
    }

    private static String loadNativeLibrary() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "TFLite's native library on Maven Central is built for linux-x86_64, this is " + os + "/" + arch;
        }
        try (InputStream in = TfliteInterpreter.class.getClassLoader().getResourceAsStream(LIBRARY)) {
            if (in == null) {
                return LIBRARY + " is not on the test class path (ai.djl.tflite:tflite-native-cpu)";
            }
            // one copy per JVM: surefire may run forks side by side
            Path dir = Files.createDirectories(Paths.get("target", "tflite-native", Long.toString(ProcessHandle.current().pid())));
            Path lib = dir.resolve("libtensorflowlite_jni.so");
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            // the Java API's own loadLibrary then finds the library already loaded
            System.load(lib.toAbsolutePath().toString());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsatisfiedLinkError e) {
            return "TFLite's native library does not load here: " + e.getMessage();
        }
    }
}

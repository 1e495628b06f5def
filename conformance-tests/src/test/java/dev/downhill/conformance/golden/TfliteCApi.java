package dev.downhill.conformance.golden;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * TensorFlow Lite through its C API ({@code libtensorflowlite_c.so}, called with JNA): more TFLite builds
 * beside the 2.6.2 Java API of {@link TfliteInterpreter}, so the runtime's agreement is not one version's
 * accident. The libraries are not on Maven Central; {@code bench/tflite-c-oracle.sh} fetches TFLite 2.2.0's and
 * 2.9.0's from npm and passes each path as {@code -Ddownhill.tflite.c=PATH}. Without that property, {@link #unavailableReason()}
 * says so and the test skips.
 */
final class TfliteCApi implements TfliteOracle {

    /** The system property naming the library file. */
    static final String PATH_PROPERTY = "downhill.tflite.c";

    /** TFLite's C API, only the calls used here (tensorflow/lite/c/c_api.h). */
    interface Functions extends Library {
        String TfLiteVersion();

        Pointer TfLiteModelCreate(Pointer data, long size);

        void TfLiteModelDelete(Pointer model);

        Pointer TfLiteInterpreterOptionsCreate();

        void TfLiteInterpreterOptionsSetNumThreads(Pointer options, int threads);

        void TfLiteInterpreterOptionsDelete(Pointer options);

        Pointer TfLiteInterpreterCreate(Pointer model, Pointer options);

        void TfLiteInterpreterDelete(Pointer interpreter);

        int TfLiteInterpreterAllocateTensors(Pointer interpreter);

        int TfLiteInterpreterInvoke(Pointer interpreter);

        Pointer TfLiteInterpreterGetInputTensor(Pointer interpreter, int index);

        Pointer TfLiteInterpreterGetOutputTensor(Pointer interpreter, int index);

        int TfLiteTensorType(Pointer tensor);

        long TfLiteTensorByteSize(Pointer tensor);

        int TfLiteTensorCopyFromBuffer(Pointer tensor, byte[] data, long size);

        int TfLiteTensorCopyToBuffer(Pointer tensor, byte[] data, long size);
    }

    private static final int K_TFLITE_INT8 = 9;       // TfLiteType kTfLiteInt8
    private static final int K_TFLITE_OK = 0;

    private static Functions api;
    private static final String unavailable = load();

    private final Memory modelBytes;                 // TfLiteModelCreate keeps pointing into it
    private final Pointer model;
    private final Pointer interpreter;
    private final Pointer input;
    private final Pointer output;
    private final byte[] outputBytes;

    TfliteCApi(byte[] tflite) {
        if (unavailable != null) {
            throw new IllegalStateException(unavailable);
        }
        modelBytes = new Memory(tflite.length);
        modelBytes.write(0, tflite, 0, tflite.length);
        model = api.TfLiteModelCreate(modelBytes, tflite.length);
        if (model == null) {
            throw new IllegalArgumentException("TFLite " + version() + " does not read this .tflite");
        }
        Pointer options = api.TfLiteInterpreterOptionsCreate();
        api.TfLiteInterpreterOptionsSetNumThreads(options, 1);
        interpreter = api.TfLiteInterpreterCreate(model, options);
        api.TfLiteInterpreterOptionsDelete(options);
        if (interpreter == null || api.TfLiteInterpreterAllocateTensors(interpreter) != K_TFLITE_OK) {
            close();
            throw new IllegalArgumentException("TFLite " + version() + " cannot prepare this model");
        }
        input = api.TfLiteInterpreterGetInputTensor(interpreter, 0);
        output = api.TfLiteInterpreterGetOutputTensor(interpreter, 0);
        if (api.TfLiteTensorType(input) != K_TFLITE_INT8 || api.TfLiteTensorType(output) != K_TFLITE_INT8) {
            close();
            throw new IllegalArgumentException("expected int8 input and output");
        }
        outputBytes = new byte[(int) api.TfLiteTensorByteSize(output)];
    }

    /** Null when the library named by {@value #PATH_PROPERTY} loaded, else why not. */
    static String unavailableReason() {
        return unavailable;
    }

    /** The library's own version string, e.g. "2.9.0". */
    static String version() {
        return api.TfLiteVersion();
    }

    @Override
    public byte[] run(byte[] x) {
        check(api.TfLiteTensorCopyFromBuffer(input, x, x.length), "copying the input");
        check(api.TfLiteInterpreterInvoke(interpreter), "Invoke");
        check(api.TfLiteTensorCopyToBuffer(output, outputBytes, outputBytes.length), "copying the output");
        return outputBytes.clone();
    }

    @Override
    public void close() {
        if (interpreter != null) {
            api.TfLiteInterpreterDelete(interpreter);
        }
        api.TfLiteModelDelete(model);
    }

    private static void check(int status, String what) {
        if (status != K_TFLITE_OK) {
            throw new IllegalStateException("TFLite " + version() + ": " + what + " failed with status " + status);
        }
    }

    private static String load() {
        String path = System.getProperty(PATH_PROPERTY);
        if (path == null || path.isEmpty()) {
            return "no TFLite C library given (-D" + PATH_PROPERTY + "=PATH; bench/tflite-c-oracle.sh fetches one)";
        }
        Path lib = Paths.get(path).toAbsolutePath();
        if (!Files.isRegularFile(lib)) {
            return PATH_PROPERTY + "=" + path + ": no such file";
        }
        try {
            api = Native.load(lib.toString(), Functions.class);
            api.TfLiteVersion();
            return null;
        } catch (UnsatisfiedLinkError e) {
            return lib + " does not load as TFLite's C API: " + e.getMessage();
        }
    }

    /** Whether a library was named: then its absence is a defect to report, not a reason to skip. */
    static boolean requested() {
        String path = System.getProperty(PATH_PROPERTY);
        return path != null && !path.isEmpty();
    }
}

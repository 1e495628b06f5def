package dev.downhill.conformance.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.downhill.trainer.tflite.TfliteExporter;
import dev.downhill.trainer.tflite.TfliteImporter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * LiteRT.js, TensorFlow Lite's successor compiled to WebAssembly, run by Node.js: the newest TFLite build within
 * reach here (npm's {@code @litertjs/core}). One Node process ({@code src/test/node/litert-oracle.mjs}) serves
 * every model of a run over its stdin and stdout. Its path to the installed packages is the system property
 * {@value #MODULES_PROPERTY}; {@code bench/litert-oracle.sh} installs them and sets it. Without the property,
 * {@link #unavailableReason()} says so and the test skips.
 *
 * <p>LiteRT.js runs only static shapes, and TFLM's hello_world declares a dynamic batch ({@code [-1, 1]}), so
 * every model goes through Downhill's import and export first: the same constants in a .tflite with static
 * shapes (the exporter re-imports what it writes and refuses any difference: {@code TfliteExporterTest}).
 */
final class LiteRtOracle implements TfliteOracle {

    /** The system property naming the {@code node_modules} directory that holds {@code @litertjs/core}. */
    static final String MODULES_PROPERTY = "downhill.litert";

    private static final Path SCRIPT = Paths.get("src/test/node/litert-oracle.mjs");
    private static Process node;
    private static DataInputStream answers;
    private static OutputStream requests;
    private static String version;
    private static final String unavailable = start();

    private final int inputSize;
    private final int outputSize;

    LiteRtOracle(byte[] tflite) {
        if (unavailable != null) {
            throw new IllegalStateException(unavailable);
        }
        byte[] staticShapes = TfliteExporter.toTflite(TfliteImporter.toDhm(tflite));
        send(1, staticShapes.length);
        write(staticShapes);
        int in = readInt();
        if (in < 0) {
            byte[] message = new byte[readInt()];
            readFully(message);
            throw new IllegalArgumentException(oracle() + " cannot run this model: "
                    + new String(message, StandardCharsets.UTF_8));
        }
        inputSize = in;
        outputSize = readInt();
    }

    /** How the report names it, e.g. "LiteRT.js 2.5.3 (WebAssembly)". */
    static String oracle() {
        return "LiteRT.js " + version + " (WebAssembly)";
    }

    /** Null when Node and the packages named by {@value #MODULES_PROPERTY} started, else why not. */
    static String unavailableReason() {
        return unavailable;
    }

    /** Whether the run asked for LiteRT.js (so that failing to start it is an error, not a skip). */
    static boolean requested() {
        return System.getProperty(MODULES_PROPERTY) != null;
    }

    @Override
    public byte[] run(byte[] x) {
        if (x.length != inputSize) {
            throw new IllegalArgumentException("the model takes " + inputSize + " inputs, got " + x.length);
        }
        send(2);
        write(x);
        byte[] y = new byte[outputSize];
        readFully(y);
        return y;
    }

    @Override
    public void close() {
        // the next model replaces this one in the Node process
    }

    private static String start() {
        String modules = System.getProperty(MODULES_PROPERTY);
        if (modules == null || modules.isEmpty()) {
            return "LiteRT.js not installed (-D" + MODULES_PROPERTY + "=NODE_MODULES; bench/litert-oracle.sh installs it)";
        }
        Path core = Paths.get(modules, "@litertjs", "core", "package.json").toAbsolutePath();
        if (!Files.isRegularFile(core)) {
            return MODULES_PROPERTY + "=" + modules + ": no @litertjs/core there";
        }
        try {
            version = new ObjectMapper().readTree(core.toFile()).path("version").asText();
            node = new ProcessBuilder("node", SCRIPT.toAbsolutePath().toString(), Paths.get(modules).toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return "cannot start node for LiteRT.js: " + e.getMessage();
        }
        answers = new DataInputStream(node.getInputStream());
        requests = node.getOutputStream();
        Runtime.getRuntime().addShutdownHook(new Thread(node::destroy));
        return null;
    }

    private static void send(int... ints) {
        ByteBuffer b = ByteBuffer.allocate(4 * ints.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : ints) {
            b.putInt(i);
        }
        write(b.array());
    }

    private static void write(byte[] bytes) {
        try {
            requests.write(bytes);
            requests.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(oracle() + ": the Node process stopped taking requests", e);
        }
    }

    private static int readInt() {
        byte[] b = new byte[4];
        readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static void readFully(byte[] into) {
        try {
            answers.readFully(into);
        } catch (IOException e) {
            throw new UncheckedIOException(oracle() + ": the Node process stopped answering (run it by hand: node "
                    + SCRIPT + " " + System.getProperty(MODULES_PROPERTY) + ")", e);
        }
    }
}

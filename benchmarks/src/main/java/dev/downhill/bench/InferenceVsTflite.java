package dev.downhill.bench;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * tiny-runtime against a peer, TensorFlow Lite 2.6.2's interpreter (its optimised C++ kernels through its Java
 * API, one thread), on the same models in one JVM: first bit by bit on random int8 inputs (the .dhm must be
 * single-rounding, as TFLite rounds), then timed in interleaved rounds so that both see the same machine load.
 * The TFLite figure is what a Java program pays for {@code Interpreter.run}: its Java checks and the JNI call
 * included. A tiny model (hello_world, 288 MACs) shows how much of that is the call itself.
 *
 * <p>Run {@code bench/tflite-peer-bench.sh}, which builds the models; or {@code java -cp
 * benchmarks/target/benchmarks.jar dev.downhill.bench.InferenceVsTflite NAME M.dhm F.tflite [NAME M.dhm F.tflite
 * ...] [--rounds R] [--ops N]}.
 */
public final class InferenceVsTflite {

    private InferenceVsTflite() {}

    public static void main(String[] args) throws IOException {
        int rounds = 30;
        int ops = 20_000;
        int models = 0;
        String[] names = new String[args.length / 3];
        Path[] dhm = new Path[names.length];
        Path[] tflite = new Path[names.length];
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--ops")) {
                ops = Integer.parseInt(args[++i]);
            } else if (i + 2 < args.length) {
                names[models] = args[i];
                dhm[models] = Path.of(args[i + 1]);
                tflite[models++] = Path.of(args[i + 2]);
                i += 2;
            } else {
                throw new IllegalArgumentException("expected NAME M.dhm F.tflite triples, then --rounds R --ops N; got "
                        + Arrays.toString(args));
            }
        }
        if (models == 0) {
            throw new IllegalArgumentException("usage: InferenceVsTflite NAME M.dhm F.tflite [...] [--rounds R] [--ops N]");
        }
        loadTflite();
        System.out.printf(Locale.ROOT, "%s, %s; %d rounds of %d inferences each, interleaved%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, ops);
        for (int m = 0; m < models; m++) {
            measure(names[m], Files.readAllBytes(dhm[m]), Files.readAllBytes(tflite[m]), rounds, ops);
        }
    }

    private static void measure(String name, byte[] dhm, byte[] tfliteBytes, int rounds, int ops) {
        Interpreter runtime = new Interpreter(Model.load(dhm));
        ByteBuffer model = ByteBuffer.allocateDirect(tfliteBytes.length).order(ByteOrder.nativeOrder());
        model.put(tfliteBytes).rewind();
        try (org.tensorflow.lite.Interpreter tflite = new org.tensorflow.lite.Interpreter(model,
                new org.tensorflow.lite.Interpreter.Options().setNumThreads(1))) {
            int inSize = runtime.inputSize();
            int outSize = runtime.outputSize();
            ByteBuffer in = ByteBuffer.allocateDirect(inSize).order(ByteOrder.nativeOrder());
            ByteBuffer out = ByteBuffer.allocateDirect(outSize).order(ByteOrder.nativeOrder());
            // 256 random inputs, the same for both; checked bit by bit before anything is timed
            Random random = new Random(42);
            byte[][] inputs = new byte[256][inSize];
            byte[] mine = new byte[outSize];
            byte[] theirs = new byte[outSize];
            int differing = 0;
            for (byte[] x : inputs) {
                random.nextBytes(x);
                runtime.setInput(x, 0);
                runtime.invoke();
                runtime.copyOutput(mine, 0);
                in.clear();
                in.put(x).rewind();
                out.clear();
                tflite.run(in, out);
                out.rewind();
                out.get(theirs);
                for (int i = 0; i < outSize; i++) {
                    differing += mine[i] != theirs[i] ? 1 : 0;
                }
            }
            long macs = 0;
            Model loaded = runtime.model();
            for (int l = 0; l < loaded.layerCount(); l++) {
                if (loaded.isFullyConnected(l)) {
                    macs += (long) loaded.layerInputSize(l) * loaded.layerOutputSize(l);
                }
            }
            System.out.printf(Locale.ROOT, "%n%s: %d MACs; outputs differing from TFLite on 256 random inputs: %d of %d%n",
                    name, macs, differing, 256 * outSize);
            double[] own = new double[rounds];
            double[] peer = new double[rounds];
            double[] ratio = new double[rounds];
            long sink = 0;
            for (int r = -5; r < rounds; r++) {                         // 5 warm-up rounds
                long t0 = System.nanoTime();
                for (int i = 0; i < ops; i++) {
                    runtime.setInput(inputs[i & 255], 0);
                    runtime.invoke();
                    sink += runtime.output(0);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < ops; i++) {
                    in.clear();
                    in.put(inputs[i & 255]).rewind();
                    out.clear();
                    tflite.run(in, out);
                    sink += out.get(0);
                }
                long t2 = System.nanoTime();
                if (r >= 0) {
                    own[r] = (t1 - t0) / (double) ops;
                    peer[r] = (t2 - t1) / (double) ops;
                    ratio[r] = own[r] / peer[r];
                }
            }
            Arrays.sort(own);
            Arrays.sort(peer);
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "  tiny-runtime: fastest %.0f ns, median %.0f ns per inference%n", own[0],
                    own[rounds / 2]);
            System.out.printf(Locale.ROOT, "  TFLite 2.6.2 (Java API + JNI): fastest %.0f ns, median %.0f ns%n", peer[0],
                    peer[rounds / 2]);
            System.out.printf(Locale.ROOT, "  tiny-runtime / TFLite: median round %.2fx, fastest rounds %.2fx (%d)%n",
                    ratio[rounds / 2], own[0] / peer[0], sink & 1);
        }
    }

    /** TFLite's JNI library from the class path (DJL's linux-x86_64 build), loaded once. */
    private static void loadTflite() throws IOException {
        try (InputStream lib = InferenceVsTflite.class.getClassLoader()
                .getResourceAsStream("native/lib/libtensorflowlite_jni.so")) {
            if (lib == null) {
                throw new IllegalStateException("libtensorflowlite_jni.so is not in the benchmarks jar");
            }
            Path file = Files.createTempFile("tflite-jni", ".so");
            file.toFile().deleteOnExit();
            Files.copy(lib, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
        }
    }
}

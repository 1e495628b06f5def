package dev.downhill.conformance.agreement;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.Model;
import dev.downhill.runtime.adapt.Adapter;
import dev.downhill.runtime.adapt.AdapterConfig;
import dev.downhill.runtime.adapt.FixedPointSchedule;
import dev.downhill.runtime.adapt.TrainableSet;
import dev.downhill.trainer.adapt.Drift;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The golden adaptation trace: runs fixed recipes over a fixed stream on the committed model and prints every
 * step's outcome, a CRC of all master parameters after it, and the full parameters at the end. Integer-only on the
 * runtime side, so it must print the same bytes under the JIT, {@code -Xint} and any JVM. Main class for forked
 * JVMs; {@link AdaptationGoldenTraceTest} checks it against {@code golden/downhill/adaptation-trace.txt}.
 */
public final class AdaptationTraceWorker {

    static final String MODEL = "/golden/downhill/adaptation-trace-model.dhm";
    static final int STEPS = 60;
    static final String DRIFT = "gain=0.8,offset=1";

    private AdaptationTraceWorker() {
    }

    public static void main(String[] args) throws IOException {
        System.out.print(trace(resource(MODEL)));
    }

    /** The trace body (everything after the golden file's header) for the model in {@code blob}. */
    static String trace(byte[] blob) throws IOException {
        Model model = Model.load(blob);
        List<int[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                resourceStream("/golden/downhill/adaptation-digits-test.csv"), StandardCharsets.US_ASCII))) {
            r.readLine();
            for (String line = r.readLine(); line != null && rows.size() < STEPS; line = r.readLine()) {
                String[] f = line.split(",");
                int[] x = new int[64];
                for (int i = 0; i < 64; i++) {
                    x[i] = Integer.parseInt(f[i]);
                }
                rows.add(Drift.parse(DRIFT).apply(x));
                labels.add(Integer.parseInt(f[64]));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("model-crc ").append(Integer.toHexString(Adapter.modelId(model))).append('\n');
        trace(out, "default", model, new AdapterConfig(), rows, labels);
        trace(out, "all-trainable-momentum-batch2", model, new AdapterConfig()
                .trainable(TrainableSet.INPUT_AFFINE | TrainableSet.BIASES | TrainableSet.LAST_LAYER)
                .momentum(FixedPointSchedule.ONE / 2).batchSize(2).clip(0)
                .schedule(FixedPointSchedule.stepDecay(FixedPointSchedule.ONE / 40, FixedPointSchedule.ONE * 3 / 4, 10)),
                rows, labels);
        return out.toString();
    }

    private static void trace(StringBuilder out, String name, Model model, AdapterConfig config, List<int[]> rows,
                              List<Integer> labels) {
        Adapter adapter = new Adapter(new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS), config);
        out.append("recipe ").append(name).append('\n');
        for (int t = 0; t < rows.size(); t++) {
            int outcome = adapter.step(rows.get(t), 0, labels.get(t));
            out.append("step ").append(t).append(" outcome ").append(outcome).append(" crc ")
                    .append(Long.toHexString(crc(model, adapter))).append('\n');
        }
        out.append("params ").append(name).append(' ').append(params(model, adapter)).append('\n');
    }

    private static String params(Model model, Adapter a) {
        StringBuilder b = new StringBuilder();
        int set = a.trainableSet();
        int fc = model.layerCount() - 1;
        for (int i = 0; i < fc; i++) {
            for (int k = 0; k < model.layerOutputSize(i); k++) {
                b.append(a.biasMaster(i, k)).append(',');
            }
        }
        if ((set & TrainableSet.INPUT_AFFINE) != 0) {
            for (int f = 0; f < model.inputSize(); f++) {
                b.append(a.inputGain(f)).append(',').append(a.inputShift(f)).append(',');
            }
        }
        if ((set & TrainableSet.LAST_LAYER) != 0) {
            for (int c = 0; c < model.layerOutputSize(fc - 1); c++) {
                for (int d = 0; d < model.layerInputSize(fc - 1); d++) {
                    b.append(a.lastWeightMaster(c, d)).append(',');
                }
            }
        }
        return b.substring(0, b.length() - 1);
    }

    private static long crc(Model model, Adapter a) {
        CRC32 crc = new CRC32();
        crc.update(params(model, a).getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = resourceStream(path)) {
            return in.readAllBytes();
        }
    }

    private static InputStream resourceStream(String path) {
        InputStream in = AdaptationTraceWorker.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + path
                    + " (regenerate with AdaptationTraceGenerator, see docs/adaptation.md)");
        }
        return in;
    }
}

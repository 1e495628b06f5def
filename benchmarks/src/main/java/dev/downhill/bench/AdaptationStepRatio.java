package dev.downhill.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The step/inference ratio of {@link AdaptationStepBench}, measured interleaved in one JVM: each round times a
 * block of inferences and then a block of adaptation steps, so both see the same machine load. On the shared
 * build box separate JMH forks of the two (a few seconds apart) often see different loads and the ratio of their
 * means moves by ±30%; the ratio within a round moves far less. Prints the fastest and the median per-op time of
 * each, and the median of the per-round ratios (noise only adds time, so the fastest round is the steadier
 * estimate of the intrinsic cost). A third block times the device's usual flow, classify then learn
 * ({@link AdaptationStepBench#classifyThenLearn}), where the step reuses the classification's forward pass; what
 * it adds beyond the classification is printed as a ratio to one inference too.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.downhill.bench.AdaptationStepRatio [--digits DIR]
 * [rounds [ops]]} (defaults 40 rounds of 20,000 operations; add {@code -Xint} before {@code -cp} for the
 * interpreter, with e.g. {@code 7 300}). {@code --digits conformance-tests/src/test/resources/golden/downhill}
 * measures the digits fixture model on drifted held-out rows ({@link AdaptationStepBench#setUpDigits}) instead of
 * the synthetic model.
 */
public final class AdaptationStepRatio {

    private AdaptationStepRatio() {}

    public static void main(String[] args) throws java.io.IOException {
        AdaptationStepBench bench = new AdaptationStepBench();
        int first = 0;
        if (args.length > 1 && args[0].equals("--digits")) {
            bench.setUpDigits(java.nio.file.Path.of(args[1]));
            first = 2;
        } else {
            bench.setUp();
        }
        int rounds = args.length > first ? Integer.parseInt(args[first]) : 40;
        int ops = args.length > first + 1 ? Integer.parseInt(args[first + 1]) : 20_000;
        int sink = 0;
        for (int w = 0; w < 5; w++) {                                   // warm-up: both paths compiled
            for (int i = 0; i < ops; i++) {
                sink += bench.inferenceJit();
            }
            for (int i = 0; i < ops; i++) {
                sink += bench.stepJit();
            }
            for (int i = 0; i < ops; i++) {
                sink += bench.classifyThenLearn();
            }
        }
        double[] inference = new double[rounds];
        double[] step = new double[rounds];
        double[] ratio = new double[rounds];
        double[] flow = new double[rounds];
        double[] addedRatio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                sink += bench.inferenceJit();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                sink += bench.stepJit();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                sink += bench.classifyThenLearn();
            }
            long t3 = System.nanoTime();
            inference[r] = (t1 - t0) / (double) ops;
            step[r] = (t2 - t1) / (double) ops;
            ratio[r] = step[r] / inference[r];
            flow[r] = (t3 - t2) / (double) ops;
            addedRatio[r] = (flow[r] - inference[r]) / inference[r];
        }
        Arrays.sort(inference);
        Arrays.sort(step);
        Arrays.sort(ratio);
        Arrays.sort(flow);
        Arrays.sort(addedRatio);
        System.out.printf(Locale.ROOT, "inference: fastest %.0f ns, median %.0f ns%n", inference[0],
                inference[rounds / 2]);
        System.out.printf(Locale.ROOT, "step:      fastest %.0f ns, median %.0f ns%n", step[0], step[rounds / 2]);
        System.out.printf(Locale.ROOT, "step/inference: fastest rounds %.2fx, median round %.2fx (target <= 2x)"
                + " [checksum %d]%n", step[0] / inference[0], ratio[rounds / 2], sink & 0xFF);
        System.out.printf(Locale.ROOT, "classify then learn: fastest %.0f ns, median %.0f ns; learning adds %.2fx one"
                + " inference (median round; the step reuses the classification's forward pass)%n", flow[0],
                flow[rounds / 2], addedRatio[rounds / 2]);
    }
}

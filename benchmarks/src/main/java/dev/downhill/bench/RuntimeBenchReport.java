package dev.downhill.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link InferenceBench} and {@link DotProductBaselineBench}, each with the JIT and under
 * {@code -Xint}, in one JMH run, and prints ns/inference, ns/MAC and the runtime/baseline ratios
 * against the targets (JIT: at most 1 ns/MAC; -Xint: at most 1.3x the baseline). Exit status 0 if
 * both targets are met, 2 if not. Entry point of {@code bench/runtime-bench.sh}.
 *
 * <p>The figures are the <em>median</em> of the measurement iterations, not JMH's mean: on a shared
 * 2-core machine one iteration that coincides with someone's build can double a mean, while the
 * median moves little. The best (fastest) iteration of each is printed too: noise only ever adds time, so on a
 * busy machine the ratio of the best iterations is the steadier estimate of the intrinsic cost. The targets are
 * judged on the medians. JMH's own mean and error are printed above the summary.
 *
 * <p>The {@code -Xint} methods run in three forks of four iterations each rather than one fork of ten: under the
 * interpreter, one JVM's speed on a given loop is partly luck of the draw (the bare loop alone took 28 µs in
 * one JVM and 50-56 µs in the next ones, at the same load; memory layout, not load, is the likely cause), so
 * a single fork per side made the ratio swing by ±15% between runs. The median over three JVMs per side is
 * steadier; both sides are measured the same way.
 */
public final class RuntimeBenchReport {

    static final double JIT_NS_PER_MAC_TARGET = 1.0;
    static final double INTERPRETED_RATIO_TARGET = 1.3;

    private RuntimeBenchReport() {}

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(InferenceBench.class.getName() + "\\.")
                .include(DotProductBaselineBench.class.getName() + "\\.")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> ns = new HashMap<>();
        Map<String, Double> best = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double[] iterations = r.getBenchmarkResults().stream()
                    .flatMap(b -> b.getIterationResults().stream())
                    .mapToDouble(i -> i.getPrimaryResult().getScore()).sorted().toArray();
            double median = iterations.length % 2 == 1 ? iterations[iterations.length / 2]
                    : (iterations[iterations.length / 2 - 1] + iterations[iterations.length / 2]) / 2;
            String key = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            ns.put(key, median);
            best.put(key, iterations[0]);
        }
        int macs = BenchModelShape.MACS;
        System.out.println();
        System.out.printf(Locale.ROOT, "Downhill runtime benchmark: 64-32-16-10 + softmax, %d MACs per inference%n", macs);
        System.out.printf(Locale.ROOT, "%-40s %14s %10s %14s%n", "benchmark (median of iterations)", "ns/inference", "ns/MAC",
                "best iteration");
        for (String b : new String[] {"InferenceBench.jit", "DotProductBaselineBench.jit",
                "InferenceBench.interpreted", "DotProductBaselineBench.interpreted"}) {
            System.out.printf(Locale.ROOT, "%-40s %14.1f %10.3f %14.1f%n", b, ns.get(b), ns.get(b) / macs, best.get(b));
        }
        double jitNsPerMac = ns.get("InferenceBench.jit") / macs;
        double jitRatio = ns.get("InferenceBench.jit") / ns.get("DotProductBaselineBench.jit");
        double intRatio = ns.get("InferenceBench.interpreted") / ns.get("DotProductBaselineBench.interpreted");
        boolean jitOk = jitNsPerMac <= JIT_NS_PER_MAC_TARGET;
        boolean intOk = intRatio <= INTERPRETED_RATIO_TARGET;
        System.out.printf(Locale.ROOT, "JIT:   runtime %.3f ns/MAC (target <= %.1f) %s; runtime/baseline %.2fx%n",
                jitNsPerMac, JIT_NS_PER_MAC_TARGET, jitOk ? "MET" : "MISSED", jitRatio);
        System.out.printf(Locale.ROOT, "-Xint: runtime/baseline %.2fx (target <= %.1fx) %s; best iterations %.2fx%n",
                intRatio, INTERPRETED_RATIO_TARGET, intOk ? "MET" : "MISSED",
                best.get("InferenceBench.interpreted") / best.get("DotProductBaselineBench.interpreted"));
        System.exit(jitOk && intOk ? 0 : 2);
    }
}

package dev.downhill.conformance.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Interpreter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Nothing reachable from the inference entry points listed in
 * {@code src/test/resources/embedded/hot-path-entry-points.txt} allocates, on any path that can return
 * normally (see {@link HotPathAllocationScanner}). The scanner's own failing cases are in
 * {@link HotPathAllocationScannerTest}.
 */
class HotPathAllocationScanTest {

    static List<HotPathAllocationScanner.EntryPoint> entryPoints() throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                HotPathAllocationScanTest.class.getResourceAsStream("/embedded/hot-path-entry-points.txt"),
                StandardCharsets.UTF_8))) {
            return r.lines().map(l -> l.replaceAll("\\s+#.*$", "").trim())
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(HotPathAllocationScanner.EntryPoint::parse).toList();
        }
    }

    @Test
    void nothingReachableFromTheEntryPointsAllocates() throws IOException {
        HotPathAllocationScanner scanner = new HotPathAllocationScanner(ClassFiles.classesBeside(Interpreter.class),
                JdkAllowlist.load("/embedded/hot-path-jdk-allowlist.txt", null));
        List<HotPathAllocationScanner.EntryPoint> entries = entryPoints();

        HotPathAllocationScanner.Result result = scanner.scan(entries);
        System.out.println("hot path: " + entries.size() + " entry points reach " + result.reachedVia().size() + " methods");

        assertThat(result.reachedVia().keySet()).as("the walk reaches the kernels")
                .anyMatch(k -> k.startsWith("dev/downhill/runtime/kernels/FullyConnected.eval"))
                .anyMatch(k -> k.startsWith("dev/downhill/runtime/kernels/Softmax.eval"));
        ConformanceReport.record("hot-path allocations (" + entries.size() + " entry points, "
                + result.reachedVia().size() + " reachable methods)", result.violations().size(), "== 0",
                result.violations().isEmpty());
        assertThat(result.violations())
                .as("allocations reachable from the hot path:%n%s",
                        result.violations().stream().map(Violation::toString).collect(Collectors.joining("\n")))
                .isEmpty();
    }
}

package dev.downhill.conformance.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Interpreter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;

/**
 * The class files of tiny-runtime and firmware-demo keep the embedded contract (see {@link ContractRule}
 * and {@code src/test/resources/embedded/jdk-allowlist.txt}). The scanner's own failing cases are in
 * {@link EmbeddedContractScannerTest}.
 */
class EmbeddedContractTest {

    static final String ALLOWLIST = "/embedded/jdk-allowlist.txt";
    private static final String RUNTIME = "dev/downhill/runtime/";
    private static final String DEMO = "dev/downhill/demo/";

    @Test
    void tinyRuntimeKeepsTheEmbeddedContract() {
        List<ClassNode> runtime = ClassFiles.classesBeside(Interpreter.class);
        assertThat(runtime).as("tiny-runtime classes found").extracting(c -> c.name)
                .contains(RUNTIME + "Interpreter", RUNTIME + "Model", RUNTIME + "fixedpoint/FixedPoint")
                .allMatch(n -> n.startsWith(RUNTIME), "is in " + RUNTIME);

        check("tiny-runtime", runtime, JdkAllowlist.load(ALLOWLIST, "tiny-runtime"), RUNTIME);
    }

    @Test
    void firmwareDemoKeepsTheEmbeddedContract() {
        List<ClassNode> demo = ClassFiles.classesIn(ClassFiles.codeSourceOfPackage("dev/downhill/demo"));
        assertThat(demo).as("firmware-demo classes found").isNotEmpty().extracting(c -> c.name)
                .allMatch(n -> n.startsWith(DEMO), "is in " + DEMO);

        // The demo may call the runtime freely: the runtime is checked by the test above.
        EmbeddedContractScanner scanner = new EmbeddedContractScanner(JdkAllowlist.load(ALLOWLIST, "firmware-demo"),
                n -> n.startsWith(DEMO) || n.startsWith(RUNTIME));
        record("firmware-demo", demo, scanner.scan(demo));
    }

    private static void check(String module, List<ClassNode> classes, JdkAllowlist allowlist, String ownPrefix) {
        EmbeddedContractScanner scanner = EmbeddedContractScanner.forClasses(allowlist, classes, ownPrefix);
        List<Violation> violations = scanner.scan(classes);
        if (!allowlist.unusedEntries().isEmpty()) {
            System.out.println(module + ": allowlist entries not used: " + allowlist.unusedEntries());
        }
        record(module, classes, violations);
    }

    private static void record(String module, List<ClassNode> classes, List<Violation> violations) {
        ConformanceReport.record("embedded contract: " + module + " violations (" + classes.size() + " classes)",
                violations.size(), "== 0", violations.isEmpty());
        assertThat(violations).as("%s breaks the embedded contract:%n%s", module,
                violations.stream().map(Violation::toString).collect(Collectors.joining("\n"))).isEmpty();
    }
}

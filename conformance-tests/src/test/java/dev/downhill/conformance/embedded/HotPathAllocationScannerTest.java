package dev.downhill.conformance.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.conformance.embedded.fixtures.HotPathFixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;

/** Proves {@link HotPathAllocationScanner} can fail, and that its error-path exemption is narrow. */
class HotPathAllocationScannerTest {

    private static final String FIXTURES = "dev/downhill/conformance/embedded/fixtures/HotPathFixtures$";

    private final List<ClassNode> classes = Arrays.stream(HotPathFixtures.class.getNestMembers())
            .map(ClassFiles::classOf).toList();
    private final HotPathAllocationScanner scanner = new HotPathAllocationScanner(classes,
            JdkAllowlist.of("java/lang/Math#*", "java/lang/Object#<init>()V"));

    private HotPathAllocationScanner.Result scan(String fixture) {
        return scanner.scan(List.of(HotPathAllocationScanner.EntryPoint.parse(FIXTURES + fixture + "#run")));
    }

    @Test
    void allocationInACalleeIsFoundWithItsCallChain() {
        assertThat(scan("AllocatesInHelper").violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(ContractRule.HOT_PATH_ALLOCATION);
            assertThat(v.member()).isEqualTo("helper(I)I");
            assertThat(v.where()).contains("NEWARRAY").contains("line");
            assertThat(v.detail()).contains("HotPathFixtures$AllocatesInHelper.run([I)I -> HotPathFixtures$AllocatesInHelper.helper(I)I");
        });
    }

    @Test
    void allocationThatCanOnlyEndInAThrowIsAnErrorPath() {
        HotPathAllocationScanner.Result result = scan("AllocatesOnlyToThrow");
        assertThat(result.violations()).isEmpty();
        assertThat(result.reachedVia()).hasSize(1); // StringBuilder calls on the error path are not followed
    }

    @Test
    void exceptionCaughtByACallerIsNotAnErrorPath() {
        assertThat(scan("SwallowsAnException").violations()).anySatisfy(v -> {
            assertThat(v.member()).isEqualTo("parse([I)I");
            assertThat(v.where()).contains(" NEW");
        });
    }

    @Test
    void interfaceCallsReachEveryImplementation() {
        assertThat(scan("DispatchesThroughAnInterface").violations()).singleElement().satisfies(v -> {
            assertThat(v.className()).endsWith("BufferingKernel");
            assertThat(v.where()).contains("NEWARRAY");
        });
    }

    @Test
    void jdkCallsMustBeKnownAllocationFree() {
        assertThat(scan("CallsAnAllocatingJdkMethod").violations()).anySatisfy(v ->
                assertThat(v.detail()).contains("java.lang.Integer.toString(I)Ljava/lang/String;, not known to be allocation-free"));
    }

    @Test
    void allocationInsideALoopIsFound() {
        assertThat(scan("AllocatesInALoopThatReturns").violations()).singleElement()
                .satisfies(v -> assertThat(v.where()).contains(" NEW"));
    }

    @Test
    void anEntryPointThatMatchesNothingIsAnError() {
        assertThatThrownBy(() -> scanner.scan(List.of(HotPathAllocationScanner.EntryPoint.parse(FIXTURES + "AllocatesInHelper#runFast"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matches no method");
    }

    @Test
    void entryPointsParseWithAndWithoutDescriptor() {
        assertThat(HotPathAllocationScanner.EntryPoint.parse("a/B#invoke([B)V"))
                .isEqualTo(new HotPathAllocationScanner.EntryPoint("a/B", "invoke", "([B)V"));
        assertThat(HotPathAllocationScanner.EntryPoint.parse("a/B#invoke").descriptor()).isNull();
    }
}

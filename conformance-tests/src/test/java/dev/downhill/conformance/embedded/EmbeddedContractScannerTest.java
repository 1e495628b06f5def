package dev.downhill.conformance.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.embedded.fixtures.ContractViolations;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

/**
 * Proves {@link EmbeddedContractScanner} can fail: each fixture breaks one rule, and the scanner
 * must name that rule, the class, the member and (for code) the instruction.
 */
class EmbeddedContractScannerTest {

    private static final String FIXTURES = "dev/downhill/conformance/embedded/fixtures/";

    private final EmbeddedContractScanner scanner = new EmbeddedContractScanner(
            JdkAllowlist.of("java/lang/Object#<init>()V", "java/lang/Math#abs(I)I", "java/lang/String",
                    "java/lang/Enum#*", "java/lang/StringBuilder#<init>()V", "java/lang/Exception",
                    "java/lang/InterruptedException", "java/lang/NoSuchFieldError", "java/lang/Integer"),
            name -> name.startsWith(FIXTURES));

    private List<Violation> scan(Class<?> fixture) {
        return scanner.scan(ClassFiles.classOf(fixture));
    }

    private List<Violation> scan(Class<?> fixture, ContractRule rule) {
        return scan(fixture).stream().filter(v -> v.rule() == rule).toList();
    }

    @Test
    void cleanIntegerCodeOnlyBreaksTheClassVersionOfTheTestBuild() {
        assertThat(scan(ContractViolations.Clean.class)).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(ContractRule.CLASS_VERSION);
            assertThat(v.detail()).contains("version 61").contains("limit 52");
        });
    }

    @Test
    void java8ClassFileWithNothingInItIsClean() {
        assertThat(scanner.scan(generated(Opcodes.V1_8, null))).isEmpty();
    }

    @Test
    void java9ClassFileBreaksTheVersionRule() {
        assertThat(scanner.scan(generated(Opcodes.V9, null)))
                .singleElement().satisfies(v -> assertThat(v.rule()).isEqualTo(ContractRule.CLASS_VERSION));
    }

    @Test
    void floatingPointIsFoundInFieldsSignaturesLocalsOpcodesAndConstants() {
        assertThat(scan(ContractViolations.FloatField.class, ContractRule.FLOATING_POINT))
                .anySatisfy(v -> assertThat(v.member()).isEqualTo("scale:D"));
        assertThat(scan(ContractViolations.FloatSignature.class, ContractRule.FLOATING_POINT))
                .anySatisfy(v -> assertThat(v.detail()).isEqualTo("return type is float"))
                .anySatisfy(v -> assertThat(v.where()).contains("I2F"))
                .anySatisfy(v -> assertThat(v.where()).contains("FRETURN"));
        assertThat(scan(ContractViolations.FloatLocal.class, ContractRule.FLOATING_POINT))
                .anySatisfy(v -> assertThat(v.detail()).contains("local variable 'd' is double"))
                .anySatisfy(v -> assertThat(v.where()).contains("DSTORE").contains("line"))
                .anySatisfy(v -> assertThat(v.where()).contains("D2I"));
        assertThat(scanner.scan(generated(Opcodes.V1_8, 1.5f)))
                .anySatisfy(v -> {
                    assertThat(v.rule()).isEqualTo(ContractRule.FLOATING_POINT);
                    assertThat(v.detail()).isEqualTo("floating-point constant 1.5");
                });
    }

    @Test
    void lambdasStringConcatenationAndDynamicConstantsAreInvokedynamic() {
        assertThat(scan(ContractViolations.Lambda.class, ContractRule.INVOKEDYNAMIC))
                .anySatisfy(v -> assertThat(v.detail()).contains("LambdaMetafactory"));
        assertThat(scan(ContractViolations.StringConcatenation.class, ContractRule.INVOKEDYNAMIC))
                .anySatisfy(v -> {
                    assertThat(v.member()).isEqualTo("label(I)Ljava/lang/String;");
                    assertThat(v.where()).contains("INVOKEDYNAMIC");
                    assertThat(v.detail()).contains("StringConcatFactory");
                });
        Handle bsm = new Handle(Opcodes.H_INVOKESTATIC, "x/Bootstrap", "make",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)I", false);
        assertThat(scanner.scan(generated(Opcodes.V1_8, new ConstantDynamic("answer", "I", bsm))))
                .anySatisfy(v -> assertThat(v.rule()).isEqualTo(ContractRule.INVOKEDYNAMIC));
    }

    @Test
    void javaUtilIsRejectedByName() {
        assertThat(scan(ContractViolations.JavaUtil.class, ContractRule.JAVA_UTIL))
                .anySatisfy(v -> {
                    assertThat(v.member()).isEqualTo("size()I");
                    assertThat(v.where()).contains("NEW");
                    assertThat(v.detail()).contains("java.util.ArrayList");
                });
    }

    @Test
    void reflectionGetClassClassForNameAndAssertAreRejected() {
        assertThat(scan(ContractViolations.Reflection.class, ContractRule.REFLECTION))
                .anySatisfy(v -> assertThat(v.detail()).isEqualTo("calls getClass()"))
                .anySatisfy(v -> assertThat(v.detail()).contains("java.lang.Class.getName"))
                .anySatisfy(v -> assertThat(v.detail()).contains("java.lang.Class.forName"));
        assertThat(scan(ContractViolations.Assertion.class, ContractRule.REFLECTION))
                .anySatisfy(v -> assertThat(v.detail()).contains("desiredAssertionStatus"));
    }

    @Test
    void threadsAndWaitNotifyAreRejected() {
        assertThat(scan(ContractViolations.Threads.class, ContractRule.THREADS))
                .anySatisfy(v -> assertThat(v.detail()).contains("java.lang.Thread.start"));
        assertThat(scan(ContractViolations.WaitNotify.class, ContractRule.THREADS))
                .anySatisfy(v -> assertThat(v.detail()).isEqualTo("calls Object.wait()"));
    }

    @Test
    void synchronizedMethodsAndBlocksAreRejected() {
        assertThat(scan(ContractViolations.SynchronizedMethod.class, ContractRule.SYNCHRONIZED))
                .anySatisfy(v -> assertThat(v.detail()).isEqualTo("method is declared synchronized"));
        assertThat(scan(ContractViolations.SynchronizedBlock.class, ContractRule.SYNCHRONIZED))
                .anySatisfy(v -> assertThat(v.where()).contains("MONITORENTER"));
    }

    @Test
    void staticMutableStateIsRejected() {
        assertThat(scan(ContractViolations.StaticNonFinal.class, ContractRule.STATIC_MUTABLE_STATE))
                .anySatisfy(v -> assertThat(v.detail()).isEqualTo("static field is not final"))
                .anySatisfy(v -> assertThat(v.where()).contains("PUTSTATIC"));
        assertThat(scan(ContractViolations.StaticArray.class, ContractRule.STATIC_MUTABLE_STATE))
                .anySatisfy(v -> assertThat(v.member()).isEqualTo("TABLE:[I"));
        assertThat(scan(ContractViolations.StaticMutableObject.class, ContractRule.STATIC_MUTABLE_STATE))
                .anySatisfy(v -> assertThat(v.detail()).contains("java.lang.StringBuilder"));
    }

    @Test
    void enumsAndSwitchesOnThemLeaveStaticArrays() throws Exception {
        assertThat(scan(ContractViolations.Colour.class, ContractRule.STATIC_MUTABLE_STATE))
                .anySatisfy(v -> assertThat(v.member()).startsWith("$VALUES"));
        // javac 17 puts the switch table in a synthetic class ContractViolations$1 with a static int[]; newer javacs
        // (25 here) switch on ordinal() directly when the enum is in the same file, leaving no table to flag
        Class<?> holder;
        try {
            holder = Class.forName(ContractViolations.class.getName() + "$1");
        } catch (ClassNotFoundException noSwitchMap) {
            assertThat(scan(ContractViolations.EnumSwitch.class, ContractRule.STATIC_MUTABLE_STATE)).isEmpty();
            return;
        }
        ClassNode switchMap = ClassFiles.classOf(holder);
        assertThat(scanner.scan(switchMap)).anySatisfy(v -> {
            assertThat(v.rule()).isEqualTo(ContractRule.STATIC_MUTABLE_STATE);
            assertThat(v.member()).contains("$SwitchMap$");
        });
    }

    @Test
    void jdkMembersOutsideTheAllowlistAreRejected() {
        assertThat(scan(ContractViolations.NotAllowlisted.class, ContractRule.JDK_ALLOWLIST))
                .singleElement().satisfies(v -> {
                    assertThat(v.member()).isEqualTo("now()J");
                    assertThat(v.detail()).contains("java.lang.System.nanoTime()J");
                    assertThat(v.toString()).startsWith("[jdk-allowlist] dev.downhill.conformance.embedded.fixtures.ContractViolations$NotAllowlisted.now()J @ insn #");
                });
    }

    @Test
    void classLiteralGetResourceAsStreamIsAllowedOnlyWhereListedAndOnlyInThatShape() {
        List<Violation> strict = scan(ContractViolations.ResourceLoading.class, ContractRule.REFLECTION);
        assertThat(strict).anySatisfy(v -> assertThat(v.member()).startsWith("open"))
                .anySatisfy(v -> assertThat(v.member()).startsWith("name"));

        EmbeddedContractScanner lenient = new EmbeddedContractScanner(JdkAllowlist.of("java/lang/Object#<init>()V",
                "java/lang/String", "java/io/InputStream",
                "java/lang/Class#getResourceAsStream(Ljava/lang/String;)Ljava/io/InputStream;"),
                name -> name.startsWith(FIXTURES));
        List<Violation> found = lenient.scan(ClassFiles.classOf(ContractViolations.ResourceLoading.class));
        assertThat(found).noneMatch(v -> v.member().startsWith("open"));
        assertThat(found).anySatisfy(v -> {
            assertThat(v.member()).startsWith("name");
            assertThat(v.rule()).isEqualTo(ContractRule.REFLECTION);
        });
    }

    @Test
    void inheritedJdkMembersResolveToTheirListedSuperclass() {
        EmbeddedContractScanner withThrowable = new EmbeddedContractScanner(JdkAllowlist.of("java/lang/Object#<init>()V",
                "java/lang/String", "java/io/IOException", "java/lang/Throwable#getMessage()Ljava/lang/String;"),
                name -> name.startsWith(FIXTURES));
        ClassNode fixture = ClassFiles.classOf(ContractViolations.InheritedMember.class);
        assertThat(withThrowable.scan(fixture)).noneMatch(v -> v.rule() == ContractRule.JDK_ALLOWLIST);
        assertThat(scanner.scan(fixture)).anySatisfy(v ->
                assertThat(v.detail()).contains("java.io.IOException.getMessage()Ljava/lang/String;, which is not in the JDK allowlist"));
    }

    @Test
    void allowlistFileEntriesAreMemberLevelAndScoped() {
        JdkAllowlist demo = JdkAllowlist.load("/embedded/jdk-allowlist.txt", "firmware-demo");
        JdkAllowlist runtime = JdkAllowlist.load("/embedded/jdk-allowlist.txt", "tiny-runtime");
        assertThat(runtime.allowsMember("java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", false)).isTrue();
        assertThat(runtime.allowsMember("java/lang/System", "nanoTime", "()J", false)).isFalse();
        assertThat(runtime.allowsType("java/lang/Math")).isTrue();
        assertThat(demo.allowsMember("java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", false)).isTrue();
        assertThat(demo.allowsMember("java/lang/System", "out", "Ljava/io/PrintStream;", true)).isTrue();
        assertThat(runtime.allowsMember("java/lang/System", "out", "Ljava/io/PrintStream;", true)).isFalse();
        assertThat(runtime.allowsMember("java/lang/Math", "addExact", "(JJ)J", false)).isTrue(); // all overloads
    }

    /** A class {@code gen/Probe} of the given version, optionally with one method that loads {@code ldc}. */
    private static ClassNode generated(int version, Object ldc) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "gen/Probe", null, "java/lang/Object", null);
        if (ldc != null) {
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "constant", "()V", null, null);
            mv.visitCode();
            mv.visitLdcInsn(ldc);
            mv.visitInsn(Opcodes.POP);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return ClassFiles.parse(cw.toByteArray());
    }
}

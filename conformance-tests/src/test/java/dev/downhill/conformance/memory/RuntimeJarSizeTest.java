package dev.downhill.conformance.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.embedded.ClassFiles;
import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Interpreter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Issue 2: what a device needs for inference should fit in 24 KB of class files, as built.
 *
 * <p><b>The rule.</b> The inference classes are every tiny-runtime class reachable from {@code Model} and
 * {@code Interpreter} (the device API) through the classes their code uses (supertypes, field and method
 * descriptors, the owners and types named by instructions), transitively: exactly the classes a device must hold to load a model and run
 * it. That leaves out on-device adaptation and storage ({@code adapt/}, {@code store/}: separate budgets), the
 * host-only writer ({@code format/build/}) and pure compile-time constant holders such as {@code ModelFormat}
 * (javac inlines their {@code static final} values, so no instruction names the class); the test lists every
 * class it leaves out.
 *
 * <p><b>Status.</b> Met: 24,547 B in 6 classes; the third rounding (ties up after SRDHM, so that a .dhm can
 * compute what TensorFlow Lite 2.9.0 computes: +140 B in the kernel's choice of constants, +41 B in the flags
 * check) took it from 24,366 B; single rounding (the header flag, its check and the kernel's
 * choice of constants, so that a .dhm can compute what TensorFlow Lite 2.6.2 computes) took it from 23,975 B (from 24,457 B after the kernel merge, 30,461 B in 12, and 34,996 B in 15 before that). The build
 * fails at or above the target and above {@link #CEILING_BYTES}. What the last passes did: each kernel is one
 * configured object that holds its load-time constants and runs ({@code FullyConnected.eval},
 * {@code InputQuantizer.quantize}, {@code Softmax.eval}, with softmax's exp and 1/(1+x) inside), so
 * {@code FixedPoint} and {@code ArgMax} are for hosts and tests only; {@code MemoryReport} asks the interpreter's
 * plan rather than being built by it; the layer table keeps only weight and bias offsets. Earlier passes moved out
 * the params constructors' repeated validation, the host-only fields ({@code format.ModelFields}), the reference
 * FULLY_CONNECTED ({@code FullyConnectedReference}), {@code Crc32} and {@code LittleEndian}.
 *
 * <p><b>As built</b> means as Maven compiles tiny-runtime: {@code -g:source,lines} (tiny-runtime/pom.xml), so
 * line numbers stay for stack traces and local variable tables are dropped. The test checks both, and also
 * prints the figure without any debug information.
 */
class RuntimeJarSizeTest {

    /** Issue 2's target for the inference classes. */
    static final int TARGET_BYTES = 24 * 1024;
    /**
     * A ratchet below the target: the measured 24,547 B plus the few bytes left under it. Lower it whenever the
     * runtime shrinks, never raise it without a reason in the commit message (and never to the target or above).
     * Last raised from 24,480 for the half-up rounding (+181 B, after folding the flags checks into one and moving
     * the rounding constants out to {@code ModelFormat}); before that from 24,100 for single rounding (+391 B).
     */
    static final int CEILING_BYTES = 24_560;

    private static final String ROOT = "dev/downhill/runtime/";
    private static final List<String> DEVICE_API = List.of(ROOT + "Model", ROOT + "Interpreter");
    private static final List<String> NEVER_INFERENCE = List.of(ROOT + "adapt/", ROOT + "store/", ROOT + "format/build/");
    private static final Pattern RUNTIME_CLASS = Pattern.compile("dev/downhill/runtime/[\\w/$]+");

    @Test
    void inferenceClassesFitIn24Kilobytes() {
        Map<String, byte[]> runtime = new LinkedHashMap<>();
        for (ClassFiles.Entry e : ClassFiles.entriesBeside(Interpreter.class)) {
            if (e.path().startsWith(ROOT)) {
                runtime.put(e.path().substring(0, e.path().length() - ".class".length()), e.bytes());
            }
        }
        Set<String> inference = reachableFrom(DEVICE_API, runtime);
        long bytes = inference.stream().mapToLong(c -> runtime.get(c).length).sum();
        long stripped = inference.stream().mapToLong(c -> withoutDebugInformation(runtime.get(c)).length).sum();

        System.out.printf("tiny-runtime inference classes (reachable from Model and Interpreter): %d classes, %d bytes"
                + " as built (-g:source,lines), %d bytes without debug info; target %d, ceiling %d%n",
                inference.size(), bytes, stripped, TARGET_BYTES, CEILING_BYTES);
        inference.stream().sorted((a, b) -> runtime.get(b).length - runtime.get(a).length).forEach(c ->
                System.out.printf("  %6d B  %s%n", runtime.get(c).length, c));
        runtime.keySet().stream().filter(c -> !inference.contains(c)).sorted().forEach(c ->
                System.out.printf("  (left out, not referenced by inference code: %d B  %s)%n", runtime.get(c).length, c));

        assertThat(inference).as("the kernels are part of inference")
                .contains(ROOT + "Model", ROOT + "Interpreter", ROOT + "kernels/FullyConnected", ROOT + "kernels/Softmax");
        assertThat(inference).as("inference must not need adaptation, storage or the host-side writer")
                .noneMatch(c -> NEVER_INFERENCE.stream().anyMatch(c::startsWith));
        assertThat(runtime.keySet()).as("javadoc-only package-info classes are not emitted")
                .noneMatch(c -> c.endsWith("/package-info"));
        for (String c : inference) {
            DebugAttributes debug = debugAttributesOf(runtime.get(c));
            assertThat(debug.localVariables).as(c + " compiled without local variable tables").isFalse();
            assertThat(debug.lineNumbers || debug.codeless).as(c + " keeps its line numbers").isTrue();
        }
        ConformanceReport.record("tiny-runtime inference class files (" + inference.size() + " classes reachable from"
                + " Model and Interpreter, -g:source,lines; " + stripped + " B without debug info)", bytes + " B",
                "< " + TARGET_BYTES + " B", bytes < TARGET_BYTES);
        assertThat(bytes).as("class-file bytes of the inference classes (issue 2's target)").isLessThan(TARGET_BYTES);
        assertThat(bytes).as("class-file bytes of the inference classes (ratchet ceiling)").isLessThan(CEILING_BYTES);
    }

    /** The classes of {@code classes} reachable from {@code roots} through {@link #referencedNames}. */
    static Set<String> reachableFrom(List<String> roots, Map<String, byte[]> classes) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (classes.containsKey(c) && seen.add(c)) {
                for (String name : referencedNames(classes.get(c))) {
                    Matcher m = RUNTIME_CLASS.matcher(name);
                    while (m.find()) {
                        todo.push(m.group());
                    }
                }
            }
        }
        return seen;
    }

    /**
     * The class names and descriptors a class file uses: its supertypes, the descriptors of its fields and methods,
     * and every owner, type and descriptor its instructions and exception handlers name. Not its bare constant pool:
     * javac (JDK-7153958) also lists there the class of every constant it inlined, which no VM ever loads.
     */
    static List<String> referencedNames(byte[] classFile) {
        List<String> names = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                names.add(String.valueOf(superName));
                names.addAll(List.of(interfaces));
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                names.add(descriptor);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                names.add(descriptor);
                if (exceptions != null) {
                    names.addAll(List.of(exceptions));
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        names.add(type);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String n, String d) {
                        names.add(owner);
                        names.add(d);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean isInterface) {
                        names.add(owner);
                        names.add(d);
                    }

                    @Override
                    public void visitMultiANewArrayInsn(String d, int dimensions) {
                        names.add(d);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        names.add(String.valueOf(value instanceof Type t ? t.getDescriptor() : ""));
                    }

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        names.add(String.valueOf(type));
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
        return names;
    }

    private record DebugAttributes(boolean lineNumbers, boolean localVariables, boolean codeless) {}

    private static DebugAttributes debugAttributesOf(byte[] classFile) {
        boolean[] found = new boolean[3];   // line numbers, local variables, any method with code
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitCode() {
                        found[2] = true;
                    }

                    @Override
                    public void visitLineNumber(int line, Label start) {
                        found[0] = true;
                    }

                    @Override
                    public void visitLocalVariable(String n, String d, String s, Label a, Label b, int index) {
                        found[1] = true;
                    }
                };
            }
        }, 0);
        return new DebugAttributes(found[0], found[1], !found[2]);
    }

    private static byte[] withoutDebugInformation(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(writer, ClassReader.SKIP_DEBUG);
        return writer.toByteArray();
    }
}

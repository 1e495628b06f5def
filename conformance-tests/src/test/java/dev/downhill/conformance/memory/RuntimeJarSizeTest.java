package dev.downhill.conformance.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.embedded.ClassFiles;
import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.runtime.Interpreter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * The inference part of tiny-runtime (everything but the {@code adapt} and {@code store} packages)
 * must fit in 24 KB of class files, as built (with Maven's default debug information). A device
 * build that strips debug information is smaller; that figure is printed too, for information.
 */
class RuntimeJarSizeTest {

    static final int LIMIT_BYTES = 24 * 1024;

    private static final String ROOT = "dev/downhill/runtime/";
    private static final List<String> NOT_INFERENCE = List.of(ROOT + "adapt/", ROOT + "store/");

    @Test
    void inferenceClassesFitIn24Kilobytes() {
        List<ClassFiles.Entry> inference = ClassFiles.entriesBeside(Interpreter.class).stream()
                .filter(e -> e.path().startsWith(ROOT) && NOT_INFERENCE.stream().noneMatch(e.path()::startsWith))
                .toList();
        long bytes = inference.stream().mapToLong(e -> e.bytes().length).sum();
        long stripped = inference.stream().mapToLong(e -> withoutDebugInformation(e.bytes()).length).sum();
        System.out.printf("tiny-runtime inference classes: %d files, %d bytes as built, %d bytes without debug info (limit %d)%n",
                inference.size(), bytes, stripped, LIMIT_BYTES);
        inference.stream().sorted((a, b) -> b.bytes().length - a.bytes().length).limit(8).forEach(e ->
                System.out.printf("  %6d B  %s%n", e.bytes().length, e.path()));

        assertThat(inference).as("inference classes found").extracting(ClassFiles.Entry::path)
                .contains(ROOT + "Interpreter.class", ROOT + "Model.class");
        ConformanceReport.record("tiny-runtime inference class files (" + inference.size() + " classes; "
                + stripped + " B without debug info)", bytes + " B", "< " + LIMIT_BYTES + " B", bytes < LIMIT_BYTES);
        assertThat(bytes).as("class-file bytes of the inference classes").isLessThan(LIMIT_BYTES);
    }

    private static byte[] withoutDebugInformation(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(writer, ClassReader.SKIP_DEBUG);
        return writer.toByteArray();
    }
}

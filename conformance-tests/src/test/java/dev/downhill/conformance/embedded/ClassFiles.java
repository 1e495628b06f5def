package dev.downhill.conformance.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Finds and parses the class files of a module from the code source of one of its classes, so the
 * scans work whether Maven put {@code target/classes} or the packaged jar on the test class path.
 */
public final class ClassFiles {

    /** A class file's bytes and its path inside the code source (e.g. {@code dev/downhill/runtime/Model.class}). */
    public record Entry(String path, byte[] bytes) {}

    private ClassFiles() {}

    /** Where {@code anchor} was loaded from: a directory or a jar. */
    public static Path codeSourceOf(Class<?> anchor) {
        try {
            return Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the code source of " + anchor.getName(), e);
        }
    }

    /** Every {@code .class} file (sorted by path) in the directory or jar that holds {@code anchor}. */
    public static List<Entry> entriesBeside(Class<?> anchor) {
        return entriesIn(codeSourceOf(anchor));
    }

    /** Every {@code .class} file (sorted by path) in a class directory or jar. */
    public static List<Entry> entriesIn(Path source) {
        TreeMap<String, byte[]> found = new TreeMap<>();
        try {
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                        found.put(source.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                found.put(e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class files from " + source, e);
        }
        List<Entry> entries = new ArrayList<>();
        found.forEach((path, bytes) -> entries.add(new Entry(path, bytes)));
        return entries;
    }

    /**
     * The code source (class directory or jar) on the class path that holds package {@code packagePath}
     * (e.g. {@code dev/downhill/demo}), for modules without a class the test could name.
     *
     * @throws IllegalStateException if no class-path entry, or more than one, holds the package
     */
    public static Path codeSourceOfPackage(String packagePath) {
        List<Path> roots = new ArrayList<>();
        try {
            for (java.net.URL url : java.util.Collections.list(ClassFiles.class.getClassLoader().getResources(packagePath))) {
                String u = url.toString();
                if (u.startsWith("jar:file:")) {
                    roots.add(Paths.get(java.net.URI.create(u.substring(4, u.indexOf("!/")))));
                } else if (u.startsWith("file:")) {
                    Path dir = Paths.get(url.toURI());
                    for (int i = packagePath.split("/").length; i > 0; i--) {
                        dir = dir.getParent();
                    }
                    roots.add(dir);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot search the class path for " + packagePath, e);
        }
        if (roots.size() != 1) {
            throw new IllegalStateException("expected exactly one class-path entry holding " + packagePath + ", found " + roots);
        }
        return roots.get(0);
    }

    /** Every class in the code source of {@code anchor}, parsed with debug information (line numbers, locals). */
    public static List<ClassNode> classesBeside(Class<?> anchor) {
        return classesIn(codeSourceOf(anchor));
    }

    /** Every class in a class directory or jar, parsed with debug information. */
    public static List<ClassNode> classesIn(Path source) {
        List<ClassNode> nodes = new ArrayList<>();
        for (Entry e : entriesIn(source)) {
            nodes.add(parse(e.bytes()));
        }
        return nodes;
    }

    /** The class file of one loaded class (used for test fixtures). */
    public static ClassNode classOf(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + type.getName());
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ClassNode parse(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node;
    }
}

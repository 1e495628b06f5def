package dev.downhill.conformance.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The JDK classes and members the embedded code may use, read from
 * {@code src/test/resources/embedded/jdk-allowlist.txt}.
 *
 * <p>Format, one entry per line ({@code #} starts a comment):
 * <ul>
 *   <li>{@code java/lang/String} — the class may appear as a type (descriptors, casts, catch, super);</li>
 *   <li>{@code java/lang/Math#abs(I)I} — one method; {@code java/lang/Math#abs} — all its overloads;</li>
 *   <li>{@code java/lang/System#out:Ljava/io/PrintStream;} — one field;</li>
 *   <li>{@code java/lang/StringBuilder#*} — every member.</li>
 * </ul>
 * A member entry also allows its class as a type. Lines after a {@code [scope]} header apply only to
 * that scope (e.g. {@code [firmware-demo]}); lines before any header apply to every scope.
 */
public final class JdkAllowlist {

    private final Set<String> types = new HashSet<>();
    private final Set<String> members = new HashSet<>();
    private final Set<String> used = new HashSet<>();
    private final Set<String> entries = new LinkedHashSet<>();

    private JdkAllowlist() {}

    /** The entries of the common part plus those under {@code [scope]}; {@code scope} may be null. */
    public static JdkAllowlist load(String resource, String scope) {
        JdkAllowlist list = new JdkAllowlist();
        try (InputStream in = JdkAllowlist.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("allowlist resource not found: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String section = null;
            int lineNo = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                int hash = line.indexOf(" #");
                String entry = (line.startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line).trim();
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.startsWith("[") && entry.endsWith("]")) {
                    section = entry.substring(1, entry.length() - 1);
                } else if (entry.contains(" ") || entry.contains(".")) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": malformed entry '" + entry
                            + "' (use internal names like java/lang/Math#abs(I)I)");
                } else if (section == null || section.equals(scope)) {
                    list.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }

    /** An allowlist from literal entries (for tests of the scanner). */
    public static JdkAllowlist of(String... entries) {
        JdkAllowlist list = new JdkAllowlist();
        for (String e : entries) {
            list.add(e);
        }
        return list;
    }

    private void add(String entry) {
        entries.add(entry);
        int hash = entry.indexOf('#');
        if (hash < 0) {
            types.add(entry);
        } else {
            types.add(entry.substring(0, hash));
            members.add(entry);
        }
    }

    /** May {@code internalName} appear as a type? */
    public boolean allowsType(String internalName) {
        if (types.contains(internalName)) {
            used.add(internalName);
            return true;
        }
        return false;
    }

    /**
     * May the member be used? {@code descriptor} is a method descriptor, or a field descriptor with
     * {@code isField} set. An inherited member is allowed if it is listed on the JDK class that
     * declares it or on any superclass up to it: javac names the static type as owner
     * ({@code IOException.getMessage()}), the list names {@code java/lang/Throwable#getMessage}.
     * Constructors are not inherited.
     */
    public boolean allowsMember(String owner, String name, String descriptor, boolean isField) {
        for (String type = owner; type != null; type = name.equals("<init>") ? null : superclassOf(type)) {
            String exact = type + "#" + name + (isField ? ":" : "") + descriptor;
            for (String candidate : new String[] {exact, type + "#" + name, type + "#*"}) {
                if (members.contains(candidate)) {
                    used.add(candidate);
                    return true;
                }
            }
        }
        return false;
    }

    /** The superclass of a JDK class, by loading it (without initialising); null for Object or unknown classes. */
    private static String superclassOf(String internalName) {
        try {
            Class<?> c = Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            return c.getSuperclass() == null ? null : c.getSuperclass().getName().replace('.', '/');
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Entries no scan has needed so far (candidates for removal, to keep the list tight). */
    public Set<String> unusedEntries() {
        Set<String> unused = new LinkedHashSet<>();
        for (String e : entries) {
            if (!used.contains(e)) {
                unused.add(e);
            }
        }
        return unused;
    }
}

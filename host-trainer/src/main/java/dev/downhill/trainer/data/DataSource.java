package dev.downhill.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a CSV comes from: a file path, or {@code bundled:NAME} for one of the datasets shipped inside the jar
 * ({@link #BUNDLED}; see {@code datasets/README.md} on the classpath for their origin and licence).
 */
public final class DataSource {
    /** Prefix that selects a bundled dataset instead of a file. */
    public static final String BUNDLED_PREFIX = "bundled:";
    /** Names of the bundled datasets, usable as {@code bundled:digits-train}. */
    public static final List<String> BUNDLED =
            List.of("digits", "digits-train", "digits-test", "iris", "iris-train", "iris-test");

    private final String name;
    private final Path path;
    private final String resource;

    private DataSource(String name, Path path, String resource) {
        this.name = name;
        this.path = path;
        this.resource = resource;
    }

    /** Parses a user-supplied location: {@code bundled:NAME} or a file path. */
    public static DataSource of(String spec) {
        if (spec.startsWith(BUNDLED_PREFIX)) {
            String id = spec.substring(BUNDLED_PREFIX.length());
            if (id.endsWith(".csv")) {
                id = id.substring(0, id.length() - 4);
            }
            if (!BUNDLED.contains(id)) {
                throw DataException.inFile(spec, "no such bundled dataset; available: "
                        + String.join(", ", BUNDLED));
            }
            return new DataSource(spec, null, "/datasets/" + id + ".csv");
        }
        return new DataSource(spec, Path.of(spec), null);
    }

    public static DataSource of(Path path) {
        return new DataSource(path.toString(), path, null);
    }

    /** The name to use in messages: the path or {@code bundled:NAME} as given. */
    public String name() {
        return name;
    }

    /** Reads the whole text (UTF-8, a leading byte-order mark removed). */
    public String readText() {
        byte[] bytes = readBytes();
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, chars, true);
        if (result.isError()) {
            throw notUtf8(bytes, in.position());
        }
        String text = chars.flip().toString();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return text;
    }

    /**
     * Where the first non-UTF-8 byte is: spreadsheets often save "CSV" as Windows-1252 or Latin-1, and an accented
     * column name or label is then a single byte the user has to find.
     */
    private DataException notUtf8(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return DataException.atLine(name, line, String.format(Locale.ROOT, "is not UTF-8 text: byte 0x%02X at byte "
                + "offset %d cannot start or continue a UTF-8 character (save the file as UTF-8)",
                bytes[offset] & 0xff, offset));
    }

    private byte[] readBytes() {
        if (resource != null) {
            try (InputStream in = DataSource.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw DataException.inFile(name, "bundled dataset missing from the jar (" + resource + ")");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw DataException.inFile(name, "cannot read bundled dataset: " + e.getMessage());
            }
        }
        try {
            if (Files.isDirectory(path)) {
                throw DataException.inFile(name, "is a directory, not a CSV file");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw DataException.inFile(name, "no such file");
        } catch (AccessDeniedException e) {
            throw DataException.inFile(name, "permission denied");
        } catch (IOException e) {
            throw DataException.inFile(name, "cannot read: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.downhill.trainer.check;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size as boards state them: plain bytes ({@code 16384}) or with a binary suffix
 * ({@code 16k} = 16 × 1024, {@code 1M} = 1024 × 1024; {@code K}, {@code KB}, {@code KiB} and the like are
 * accepted, always as powers of 1024, because that is how microcontroller datasheets count RAM and flash).
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(?:([kKmM])(?:i?[bB])?|[bB])?");
    /** Larger than any microcontroller; keeps the arithmetic far from overflow. */
    private static final long MAX = 1L << 40;

    private ByteSize() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a one-line message if it is not a size
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 16384, 16k, 1M)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit != null) {
            n *= Character.toLowerCase(unit.charAt(0)) == 'k' ? 1024 : 1024 * 1024;
        }
        if (n <= 0 || n > MAX) {
            throw new IllegalArgumentException("size '" + text + "' must be between 1 byte and 1T");
        }
        return n;
    }

    /** {@code 16384 B (16k)}: exact bytes, and the short form when it is a whole number of k or M. */
    public static String format(long bytes) {
        String exact = String.format(Locale.ROOT, "%d B", bytes);
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return exact + " (" + bytes / (1024 * 1024) + "M)";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return exact + " (" + bytes / 1024 + "k)";
        }
        return exact;
    }
}

package dev.downhill.trainer.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict parsing of one numeric CSV cell. {@link Double#parseDouble} alone is too lenient for data files: it
 * accepts {@code NaN}, {@code Infinity}, hexadecimal floats and a trailing {@code d} or {@code f}, none of
 * which belongs in a feature column. Only plain decimal numbers with an optional exponent are accepted, and
 * the value must stay finite as a {@code float} (training runs in float).
 */
final class NumberCell {
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)");
    /** How R, pandas, SQL exports and UCI files write a missing value; named as such rather than "not a number". */
    private static final Pattern MISSING_MARKER = Pattern.compile("na|n/a|null|none|\\?");
    /** How the reason for a number written with a decimal comma starts its hint. */
    static final String DECIMAL_COMMA = "(decimal commas are not read";

    private NumberCell() {
    }

    /** True when {@code text} is a plain decimal number (used to recognise a missing header row). */
    static boolean isNumber(String text) {
        return isDecimal(text);
    }

    /**
     * {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}, checked by hand: this runs for every
     * cell, and a regular expression costs several times more on large files.
     */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int mantissaDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            mantissaDigits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Parses {@code text}, or returns {@code null} and leaves the reason in {@code why[0]}.
     * Returning the reason instead of throwing keeps location handling in one place, the caller.
     */
    static Double parse(String text, String[] why) {
        if (text.isEmpty()) {
            why[0] = "missing value";
            return null;
        }
        if (!isDecimal(text)) {
            why[0] = MISSING_MARKER.matcher(text.toLowerCase(Locale.ROOT)).matches()
                    ? "missing value '" + text + "' (fill in or drop incomplete rows first)"
                    : NON_FINITE.matcher(text.toLowerCase(Locale.ROOT)).matches()
                    ? "'" + text + "' is not allowed: values must be finite numbers"
                    : "not a number: '" + abbreviate(text) + "'" + (isDecimal(text.replace(',', '.'))
                    ? " " + DECIMAL_COMMA + ": write '" + text.replace(',', '.') + "')" : "");
            return null;
        }
        double value = Double.parseDouble(text);
        if (Float.isInfinite((float) value)) {
            why[0] = "'" + abbreviate(text) + "' is out of range (beyond +-3.4e38)";
            return null;
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}

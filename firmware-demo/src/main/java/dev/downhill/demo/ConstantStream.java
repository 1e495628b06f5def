package dev.downhill.demo;

import java.io.InputStream;

/**
 * An {@link InputStream} over ASCII text held in string constants (one after the other), as a firmware
 * reads a table from flash. Characters above 0x7F are not expected and are returned as their low byte.
 */
final class ConstantStream extends InputStream {

    private final String[] parts;
    private int part;
    private int at;

    ConstantStream(String[] parts) {
        this.parts = parts;
    }

    @Override
    public int read() {
        while (part < parts.length && at == parts[part].length()) {
            part++;
            at = 0;
        }
        if (part == parts.length) {
            return -1;
        }
        return parts[part].charAt(at++) & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                break;
            }
            b[off + n] = (byte) c;
            n++;
        }
        return n == 0 ? -1 : n;
    }
}

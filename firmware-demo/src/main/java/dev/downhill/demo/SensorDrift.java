package dev.downhill.demo;

/**
 * What happens to the board's sensor after a while in the field, applied to raw integer samples in place.
 * Integer-only, so the board can simulate it too. The kinds are chosen to show what cheap adaptation can
 * and cannot fix:
 * <ul>
 *   <li>{@link #GAIN_OFFSET}: every value becomes {@code round(value * gain) + offset} (a dimmer, foggier
 *       sensor). An affine change of the inputs: adapting biases and an input affine can undo most of it.</li>
 *   <li>{@link #PIXEL_SHIFT}: the image moves one pixel right (the sensor slipped in its mount). A
 *       permutation of inputs: no bias or per-input scale can undo it.</li>
 *   <li>{@link #DEAD_INPUTS}: one image column reads zero (a broken row of the sensor). Information is
 *       gone; adaptation can only re-weight what is left.</li>
 * </ul>
 */
public final class SensorDrift {

    /** No drift: samples pass unchanged. */
    public static final int NONE = 0;
    /** {@code round(value * gainPermille / 1000) + offset}. */
    public static final int GAIN_OFFSET = 1;
    /** The {@code width}-wide image shifted one pixel to the right; the left column reads zero. */
    public static final int PIXEL_SHIFT = 2;
    /** Column {@code width / 2} of the image reads zero. */
    public static final int DEAD_INPUTS = 3;

    private final int kind;
    private final int gainPermille;
    private final int offset;
    private final int width;

    /**
     * @param kind one of {@link #NONE}, {@link #GAIN_OFFSET}, {@link #PIXEL_SHIFT}, {@link #DEAD_INPUTS}
     * @param gainPermille gain in thousandths (800 = 0.8), used by {@link #GAIN_OFFSET}
     * @param offset added after the gain, in raw sensor units, used by {@link #GAIN_OFFSET}
     * @param width image width in pixels (rows are {@code width} consecutive values), used by the image kinds
     */
    public SensorDrift(int kind, int gainPermille, int offset, int width) {
        if (kind < NONE || kind > DEAD_INPUTS) {
            throw new IllegalArgumentException("unknown drift kind " + kind);
        }
        if (gainPermille < 0 || gainPermille > 10000) {
            throw new IllegalArgumentException("gain must be 0..10000 per mille, found " + gainPermille);
        }
        if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
            throw new IllegalArgumentException("offset must fit in 16 bits, found " + offset);
        }
        if (width < 1) {
            throw new IllegalArgumentException("image width must be at least 1, found " + width);
        }
        this.kind = kind;
        this.gainPermille = gainPermille;
        this.offset = offset;
        this.width = width;
    }

    /** The drift kind constant. */
    public int kind() {
        return kind;
    }

    /** Applies the drift to {@code sample[0..length)} in place. */
    public void apply(int[] sample, int length) {
        if (kind == GAIN_OFFSET) {
            for (int i = 0; i < length; i++) {
                int v = Math.floorDiv(sample[i] * gainPermille + 500, 1000) + offset;
                sample[i] = saturate(v);
            }
        } else if (kind == PIXEL_SHIFT) {
            for (int rowStart = 0; rowStart < length; rowStart += width) {
                int rowEnd = Math.min(rowStart + width, length);
                for (int i = rowEnd - 1; i > rowStart; i--) {
                    sample[i] = sample[i - 1];
                }
                sample[rowStart] = 0;
            }
        } else if (kind == DEAD_INPUTS) {
            for (int i = width / 2; i < length; i += width) {
                sample[i] = 0;
            }
        }
    }

    /** A short name for logs and reports: "none", "gain-offset", "pixel-shift" or "dead-inputs". */
    public static String name(int kind) {
        switch (kind) {
            case NONE: return "none";
            case GAIN_OFFSET: return "gain-offset";
            case PIXEL_SHIFT: return "pixel-shift";
            case DEAD_INPUTS: return "dead-inputs";
            default: throw new IllegalArgumentException("unknown drift kind " + kind);
        }
    }

    /** The kind named by {@link #name(int)}, or -1 for an unknown name. */
    public static int kindOf(String name) {
        for (int k = NONE; k <= DEAD_INPUTS; k++) {
            if (name(k).equals(name)) {
                return k;
            }
        }
        return -1;
    }

    private static int saturate(int v) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}

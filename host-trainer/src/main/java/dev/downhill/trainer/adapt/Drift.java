package dev.downhill.trainer.adapt;

import dev.downhill.runtime.kernels.InputQuantizer;
import dev.downhill.trainer.quantize.RawUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic change of the input world, applied to raw integer samples: sensor gain and offset
 * ({@code x' = clip(round(g·x + b))}), a one-pixel image shift, dead inputs (a fixed subset stuck at zero), or a
 * combination applied in that order. Immutable.
 *
 * <p>Spelling (CLI {@code --drift}): comma-separated {@code key=value} pairs, e.g. {@code gain=0.8,offset=1},
 * {@code shift=right}, {@code dead=0.1}, {@code gain=0.8,offset=1,dead=0.05,seed=3}; {@code none} for no drift.
 * Keys: {@code gain} (default 1), {@code offset} (default 0; {@code 0.5sd}: half of each feature's standard
 * deviation, see {@link #withDeviations}), {@code shift} ({@code left|right|up|down}),
 * {@code dead} (fraction of inputs stuck at zero), {@code seed} (which inputs die, default 1), {@code min}/{@code max}
 * (clip range of raw values: where the drifted sensor saturates), {@code width} (image width for shifts, default the
 * square root of the feature count).
 *
 * <p>Why the clip range defaults to the data: a real sensor saturates at the ends of its range, so a gain above 1
 * or an offset pushes readings against the limits rather than past them. An unset bound is filled by
 * {@link #withDataRange} with the range the raw values actually span (0..16 for digits); until then it is the
 * runtime's raw range, -32768..32767.
 *
 * <p>Units: {@code offset}, {@code min} and {@code max} are in the CSV's units, the ones the user sees (iris in cm);
 * the samples it applies to are readings in the model's raw units ({@link RawUnits}: iris in 0.1 cm). Until
 * {@link #withUnits} says what those are, every unit is 1, so the CSV's integers are the readings (digits). With
 * units, feature {@code f} gets offset {@code offset · 10^d_f} and bounds {@code min · 10^d_f}, {@code max · 10^d_f}
 * (rounded to whole readings), so {@code offset=0.5} moves a 0.1 cm reading by 5. Bounds never leave the
 * runtime's int16 raw range, where the stage saturates anyway.
 */
public final class Drift {

    private final double gain;
    private final double offset;
    private final String shift;
    private final double deadFraction;
    private final long seed;
    private final Double min;
    private final Double max;
    private final int width;
    /** The readings' units; {@code null}: every unit 1. */
    private final RawUnits units;
    /** {@code offset} counts each feature's standard deviations ({@code offset=0.5sd}) rather than CSV units. */
    private final boolean offsetInDeviations;
    /** Each feature's standard deviation in raw readings, set by {@link #withDeviations}; null until then. */
    private final double[] deviations;

    private Drift(double gain, double offset, String shift, double deadFraction, long seed, Double min, Double max,
                  int width, RawUnits units, boolean offsetInDeviations, double[] deviations) {
        this.gain = gain;
        this.offset = offset;
        this.offsetInDeviations = offsetInDeviations;
        this.deviations = deviations;
        this.shift = shift;
        this.deadFraction = deadFraction;
        this.seed = seed;
        this.min = min;
        this.max = max;
        this.width = width;
        this.units = units;
    }

    /** No drift: {@link #apply} returns its input unchanged. */
    public static Drift none() {
        return new Drift(1, 0, null, 0, 1, null, null, 0, null, false, null);
    }

    /** Gain and offset with the digits clip range 0..16. */
    public static Drift gainOffset(double gain, double offset) {
        return new Drift(gain, offset, null, 0, 1, 0.0, 16.0, 0, null, false, null);
    }

    /**
     * Parses the {@code --drift} spelling.
     *
     * @throws IllegalArgumentException naming the bad pair and what was expected
     */
    public static Drift parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("none")) {
            return none();
        }
        double gain = 1;
        double offset = 0;
        String shift = null;
        double dead = 0;
        long seed = 1;
        Double min = null;
        Double max = null;
        int width = 0;
        boolean inDeviations = false;
        for (String pair : s.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("drift '" + spec + "': expected key=value, got '" + pair + "'");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "gain" -> gain = Double.parseDouble(value);
                    case "offset" -> {
                        inDeviations = value.endsWith("sd");
                        offset = Double.parseDouble(inDeviations ? value.substring(0, value.length() - 2) : value);
                    }
                    case "dead" -> dead = Double.parseDouble(value);
                    case "seed" -> seed = Long.parseLong(value);
                    case "min" -> min = finite(Double.parseDouble(value), spec, key);
                    case "max" -> max = finite(Double.parseDouble(value), spec, key);
                    case "width" -> width = Integer.parseInt(value);
                    case "shift" -> {
                        if (!List.of("left", "right", "up", "down").contains(value)) {
                            throw new IllegalArgumentException("drift '" + spec + "': shift must be left, right, up"
                                    + " or down, got '" + value + "'");
                        }
                        shift = value;
                    }
                    default -> throw new IllegalArgumentException("drift '" + spec + "': unknown key '" + key
                            + "' (expected gain, offset, shift, dead, seed, min, max, width)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("drift '" + spec + "': '" + value + "' is not a number for " + key);
            }
        }
        if (!(dead >= 0 && dead <= 1)) {
            throw new IllegalArgumentException("drift '" + spec + "': dead must be a fraction in [0, 1], got " + dead);
        }
        if (!Double.isFinite(gain) || !Double.isFinite(offset) || (min != null && max != null && min > max)) {
            throw new IllegalArgumentException("drift '" + spec + "': gain and offset must be finite and min <= max");
        }
        return new Drift(gain, offset, shift, dead, seed, min, max, width, null, inDeviations, null);
    }

    private static double finite(double v, String spec, String key) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("drift '" + spec + "': " + key + " must be finite");
        }
        return v;
    }

    /**
     * Fills the clip bounds the spelling left unset with the range the data spans; bounds given explicitly stay.
     *
     * @param dataMin the smallest value, in the CSV's units, in the data the drift will be applied to
     * @param dataMax the largest
     * @return this drift with both clip bounds set
     */
    public Drift withDataRange(double dataMin, double dataMax) {
        double lo = min != null ? min : dataMin;
        double hi = max != null ? max : dataMax;
        if (lo > hi) {
            throw new IllegalArgumentException("drift clip range " + fmt(lo) + ".." + fmt(hi) + " is empty (min="
                    + fmt(min) + " given, data spans " + fmt(dataMin) + ".." + fmt(dataMax) + ")");
        }
        return new Drift(gain, offset, shift, deadFraction, seed, lo, hi, width, units, offsetInDeviations, deviations);
    }

    /**
     * This drift for readings in {@code rawUnits}: its offset and bounds, given in the CSV's units, are converted
     * per feature.
     *
     * @throws IllegalArgumentException if it shifts an image whose features are in different units (a shift moves
     *     readings between features)
     */
    public Drift withUnits(RawUnits rawUnits) {
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>(rawUnits.units());
        if (shift != null && distinct.size() > 1) {
            throw new IllegalArgumentException("drift shift=" + shift + " moves readings between features, but the "
                    + "model's features are read in different units (" + String.join(", ", distinct) + ")");
        }
        return new Drift(gain, offset, shift, deadFraction, seed, min, max, width, rawUnits, offsetInDeviations,
                deviations);
    }

    /**
     * This drift with each feature's standard deviation, in raw readings, for an offset given in deviations
     * ({@code offset=0.5sd}): features in different units (a temperature, a pressure) then drift by the same share
     * of their spread, where one offset in CSV units would swamp one feature and not move another.
     *
     * @param rawDeviations one standard deviation per feature, in the readings' raw units (non-negative)
     */
    public Drift withDeviations(double[] rawDeviations) {
        return new Drift(gain, offset, shift, deadFraction, seed, min, max, width, units, offsetInDeviations,
                rawDeviations.clone());
    }

    /** Whether the offset counts standard deviations, so {@link #withDeviations} must be given them. */
    public boolean offsetInDeviations() {
        return offsetInDeviations;
    }

    /** Returns the drifted copy of {@code raw}. */
    public int[] apply(int[] raw) {
        int n = raw.length;
        if (units != null && units.features() != n) {
            throw new IllegalArgumentException("drift for " + units.features() + " features applied to " + n);
        }
        if (offsetInDeviations && (deviations == null || deviations.length != n)) {
            throw new IllegalStateException("drift offset=" + fmt(offset) + "sd needs the deviations of the " + n
                    + " features (withDeviations)");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long lo = min != null ? bound(inRawUnits(i, min)) : InputQuantizer.RAW_MIN;
            long hi = max != null ? bound(inRawUnits(i, max)) : InputQuantizer.RAW_MAX;
            double v = gain * raw[i] + offsetOf(i);
            out[i] = (int) Math.max(lo, Math.min(hi, Math.round(v)));
        }
        if (shift != null) {
            out = shifted(out);
        }
        if (deadFraction > 0) {
            for (int i : deadInputs(n)) {
                out[i] = 0;
            }
        }
        return out;
    }

    /** Feature {@code i}'s offset in raw readings. */
    private double offsetOf(int i) {
        if (!offsetInDeviations) {
            return inRawUnits(i, offset);
        }
        return offset * deviations[i];
    }

    private double inRawUnits(int feature, double v) {
        return units == null ? v : units.inRawUnits(feature, v);
    }

    /** A clip bound as a whole reading inside the runtime's raw range. */
    private static long bound(double v) {
        return Math.max(InputQuantizer.RAW_MIN, Math.min(InputQuantizer.RAW_MAX, Math.round(v)));
    }

    /** The inputs stuck at zero for {@code features} inputs (sorted). */
    public List<Integer> deadInputs(int features) {
        int count = (int) Math.round(deadFraction * features);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, new Random(seed));
        List<Integer> dead = new ArrayList<>(all.subList(0, count));
        dead.sort(null);
        return dead;
    }

    private int[] shifted(int[] x) {
        int w = width > 0 ? width : (int) Math.round(Math.sqrt(x.length));
        if (w * (x.length / w) != x.length) {
            throw new IllegalArgumentException("cannot shift " + x.length + " features as an image of width " + w);
        }
        int h = x.length / w;
        int dx = shift.equals("right") ? 1 : shift.equals("left") ? -1 : 0;
        int dy = shift.equals("down") ? 1 : shift.equals("up") ? -1 : 0;
        int[] out = new int[x.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int sr = r - dy;
                int sc = c - dx;
                out[r * w + c] = sr >= 0 && sr < h && sc >= 0 && sc < w ? x[sr * w + sc] : 0;
            }
        }
        return out;
    }

    /** Whether this drift changes nothing. */
    public boolean isNone() {
        return gain == 1 && offset == 0 && shift == null && deadFraction == 0;
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        if (gain != 1 || offset != 0) {
            b.append("gain=").append(fmt(gain)).append(",offset=").append(fmt(offset))
                    .append(offsetInDeviations ? "sd" : "");
        }
        if (shift != null) {
            b.append(b.length() > 0 ? "," : "").append("shift=").append(shift);
        }
        if (deadFraction > 0) {
            b.append(b.length() > 0 ? "," : "").append("dead=").append(fmt(deadFraction)).append(",seed=").append(seed);
        }
        if (min != null) {
            b.append(",min=").append(fmt(min));
        }
        if (max != null) {
            b.append(",max=").append(fmt(max));
        }
        return b.toString();
    }

    private static String fmt(Double v) {
        if (v == null) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : Double.toString(v);
    }
}

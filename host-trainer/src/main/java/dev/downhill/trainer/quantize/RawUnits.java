package dev.downhill.trainer.quantize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unit in which a device feeds each feature to the raw input stage: {@code 10^-d_f} of the CSV's unit, so
 * the reading the stage takes is the integer {@code raw = round(value · 10^d_f)}. A thermometer that reports
 * hundredths of a degree has {@code d = 2}; digits' pixel counts have {@code d = 0}; a feature in the hundreds of
 * thousands gets {@code d = -1} (unit 10). Immutable.
 *
 * <p>{@link #fit} chooses, per feature, the finest unit in which every calibration value is an int16 reading
 * (the stage's −32768..32767), but no finer than the data's own decimal places: iris, written to 0.1 cm, gets
 * 0.1 cm; integer data gets 1, which leaves the folded stage, and so the {@code .dhm}, exactly as before units
 * existed. A feature written with more decimals than fit (0.123456 next to 3000.5) is rounded to the coarser
 * unit, as a sensor with that resolution would report it; {@link #coarserThanData} names such features.
 *
 * <p>Conversion rounds the value's shortest decimal form (what {@link Double#toString} writes, which is what the
 * CSV said) half away from zero, so {@code 0.15} at unit 0.1 is 2 and {@code -0.15} is −2, not whatever the
 * binary double happens to round to.
 */
public final class RawUnits {

    /** Readings the input stage takes without saturating. */
    public static final int RAW_MIN = InputStage.RAW_MIN;
    public static final int RAW_MAX = InputStage.RAW_MAX;

    /** Up to this many features, {@link #describe} names each one on its own line. */
    public static final int DESCRIBED_ONE_BY_ONE = 8;

    private final int[] decimals;
    /** Per feature: the data's decimal places exceed {@code decimals[f]} (values were rounded to fit). */
    private final boolean[] coarser;

    private RawUnits(int[] decimals, boolean[] coarser) {
        this.decimals = decimals;
        this.coarser = coarser;
    }

    /**
     * Units given by their decimal exponents: feature {@code f} is read in units of {@code 10^-decimals[f]}.
     *
     * @throws IllegalArgumentException if there is no feature or an exponent is beyond ±300
     */
    public static RawUnits of(int... decimals) {
        if (decimals.length == 0) {
            throw new IllegalArgumentException("raw units need at least one feature");
        }
        for (int f = 0; f < decimals.length; f++) {
            if (Math.abs(decimals[f]) > 300) {
                throw new IllegalArgumentException("raw unit of feature " + f + " is 10^" + -decimals[f]
                        + ", beyond what a double holds");
            }
        }
        return new RawUnits(decimals.clone(), new boolean[decimals.length]);
    }

    /** Every feature in the CSV's own unit ({@code d = 0}): raw readings are the CSV's integers. */
    public static RawUnits ones(int features) {
        return of(new int[features]);
    }

    /**
     * The finest units in which every value of {@code rows} is an int16 reading, no finer than the data's own
     * decimal places (and never finer than 1 for integer data: trailing zeros of integers are not dropped, so
     * 120000 gets unit 10, the finest that fits, not 10000).
     *
     * @param rows raw feature rows as in the CSV, all of the same length, finite values
     * @throws IllegalArgumentException if there are no rows or the rows differ in length
     */
    public static RawUnits fit(List<double[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to choose raw units from");
        }
        int n = rows.get(0).length;
        int[] places = new int[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : rows) {
            if (row.length != n) {
                throw new IllegalArgumentException("rows have " + n + " and " + row.length + " features");
            }
            for (int f = 0; f < n; f++) {
                double v = row[f];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("feature " + f + " has the value " + v);
                }
                // Integers need no decimal places; only the others pay for the decimal conversion.
                if (v != Math.rint(v)) {
                    places[f] = Math.max(places[f], decimalPlaces(v));
                }
                lo[f] = Math.min(lo[f], v);
                hi[f] = Math.max(hi[f], v);
            }
        }
        int[] decimals = new int[n];
        for (int f = 0; f < n; f++) {
            int d = places[f];
            // round(v · 10^d) is monotone in v, so the extremes decide; each step down is 10 times coarser.
            while (!fitsAt(lo[f], d) || !fitsAt(hi[f], d)) {
                d--;
            }
            decimals[f] = d;
        }
        RawUnits units = new RawUnits(decimals, new boolean[n]);
        boolean[] coarser = new boolean[n];
        for (double[] row : rows) {
            for (int f = 0; f < n; f++) {
                coarser[f] |= !units.isWhole(f, row[f]);
            }
        }
        return new RawUnits(decimals, coarser);
    }

    /** Number of features. */
    public int features() {
        return decimals.length;
    }

    /** {@code d_f}: feature {@code f} is read in units of {@code 10^-d_f} (negative for units 10, 100, …). */
    public int decimals(int f) {
        return decimals[f];
    }

    /** The exponents, one per feature (a copy). */
    public int[] decimals() {
        return decimals.clone();
    }

    /** Whether every feature is read in the CSV's own unit (raw readings are the CSV's integers). */
    public boolean allOnes() {
        for (int d : decimals) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code v} (a CSV value, a mean, a deviation) expressed in feature {@code f}'s raw unit, unrounded:
     * {@code v · 10^d_f}, computed as a division for coarse units so that it is correctly rounded (10^-d is not a
     * double, 10^d is for |d| &lt;= 22).
     */
    public double inRawUnits(int f, double v) {
        int d = decimals[f];
        return d == 0 ? v : d > 0 ? v * Math.pow(10, d) : v / Math.pow(10, -d);
    }

    /** The unit of feature {@code f} as a plain decimal: {@code "0.1"}, {@code "1"}, {@code "100"}. */
    public String unit(int f) {
        return BigDecimal.ONE.scaleByPowerOfTen(-decimals[f]).toPlainString();
    }

    /**
     * Whether {@link #fit} had to choose for feature {@code f} a unit coarser than some of its calibration values
     * are written to, so that their readings are rounded (always false for units made by {@link #of}).
     */
    public boolean coarserThanData(int f) {
        return coarser[f];
    }

    /**
     * The reading for {@code value} of feature {@code f}: {@code round(value · 10^d_f)}, halves away from zero,
     * saturated to −32768..32767 as the runtime's input stage saturates its input (and a sensor at the end of its
     * range). {@link #fits} says whether saturation was needed.
     *
     * @throws IllegalArgumentException if the value is not finite
     */
    public int toRaw(int f, double value) {
        if (decimals[f] == 0 && value == Math.rint(value) && value >= RAW_MIN && value <= RAW_MAX) {
            return (int) value; // integer data in units of 1: the common case, without a BigDecimal
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("feature " + f + ": " + value + " is not a reading");
        }
        BigDecimal raw = rounded(value, decimals[f]);
        if (raw.compareTo(BigDecimal.valueOf(RAW_MIN)) < 0) {
            return RAW_MIN;
        }
        return raw.compareTo(BigDecimal.valueOf(RAW_MAX)) > 0 ? RAW_MAX : raw.intValueExact();
    }

    /** Whether the reading of {@code value} for feature {@code f} is inside −32768..32767 (needs no saturation). */
    public boolean fits(int f, double value) {
        if (decimals[f] == 0 && value == Math.rint(value)) {
            return value >= RAW_MIN && value <= RAW_MAX;
        }
        return Double.isFinite(value) && fitsAt(value, decimals[f]);
    }

    /** {@code value} in feature {@code f}'s unit before saturation, for messages: {@code "39600 x 0.00001"}. */
    public String inUnits(int f, double value) {
        return rounded(value, decimals[f]).toPlainString() + " x " + unit(f);
    }

    /** Whether {@code value} is a whole number of feature {@code f}'s units (converts without rounding). */
    public boolean isWhole(int f, double value) {
        if (decimals[f] == 0 && value == Math.rint(value)) {
            return true;
        }
        BigDecimal scaled = BigDecimal.valueOf(value).scaleByPowerOfTen(decimals[f]);
        return scaled.compareTo(scaled.setScale(0, RoundingMode.HALF_UP)) == 0;
    }

    /** {@code row} as readings, one per feature; see {@link #toRaw(int, double)}. */
    public int[] toRaw(double[] row) {
        if (row.length != decimals.length) {
            throw new IllegalArgumentException("expected " + decimals.length + " features, got " + row.length);
        }
        int[] raw = new int[row.length];
        for (int f = 0; f < row.length; f++) {
            raw[f] = toRaw(f, row[f]);
        }
        return raw;
    }

    /** A reading of feature {@code f} back in the CSV's unit: {@code raw · 10^-d_f}. */
    public double toValue(int f, long raw) {
        return BigDecimal.valueOf(raw).scaleByPowerOfTen(-decimals[f]).doubleValue();
    }

    /** Each feature's {@link #unit}, in input order. */
    public List<String> units() {
        List<String> units = new ArrayList<>(decimals.length);
        for (int f = 0; f < decimals.length; f++) {
            units.add(unit(f));
        }
        return units;
    }

    /**
     * Lines naming each feature's unit: one per feature for a few features ({@code "feature sepal_length_cm in
     * units of 0.1"}), else one per unit ({@code "features a, b in units of 0.1"}, {@code "all 64 features in units
     * of 1"}).
     *
     * @param names feature names in input order
     */
    public List<String> describe(List<String> names) {
        return describe(names, units());
    }

    /**
     * {@link #describe(List)} for units given as text (as a model card stores them). Beyond
     * {@link #DESCRIBED_ONE_BY_ONE} features they are grouped by unit in order of first appearance, so 64 pixels in
     * units of 1 take one line.
     */
    public static List<String> describe(List<String> names, List<String> units) {
        if (names.size() != units.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + units.size() + " units");
        }
        List<String> lines = new ArrayList<>();
        if (units.size() <= DESCRIBED_ONE_BY_ONE) {
            for (int f = 0; f < units.size(); f++) {
                lines.add("feature " + names.get(f) + " in units of " + units.get(f));
            }
            return lines;
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int f = 0; f < units.size(); f++) {
            groups.computeIfAbsent(units.get(f), u -> new ArrayList<>()).add(names.get(f));
        }
        if (groups.size() == 1) {
            lines.add("all " + units.size() + " features in units of " + units.get(0));
            return lines;
        }
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            lines.add((g.getValue().size() == 1 ? "feature " : "features ") + String.join(", ", g.getValue())
                    + " in units of " + g.getKey());
        }
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawUnits u && Arrays.equals(decimals, u.decimals);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(decimals);
    }

    @Override
    public String toString() {
        return "RawUnits" + Arrays.toString(decimals);
    }

    /** Decimal places of {@code v}'s shortest decimal form: 0.15 → 2, 1.0E-7 → 7, 2.5E10 → 0. */
    static int decimalPlaces(double v) {
        return Math.max(0, BigDecimal.valueOf(v).stripTrailingZeros().scale());
    }

    private static boolean fitsAt(double v, int d) {
        BigDecimal raw = rounded(v, d);
        return raw.compareTo(BigDecimal.valueOf(RAW_MIN)) >= 0 && raw.compareTo(BigDecimal.valueOf(RAW_MAX)) <= 0;
    }

    private static BigDecimal rounded(double v, int d) {
        return BigDecimal.valueOf(v).scaleByPowerOfTen(d).setScale(0, RoundingMode.HALF_UP);
    }
}

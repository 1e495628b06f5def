package dev.downhill.conformance.fixedpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.conformance.report.ConformanceReport;
import dev.downhill.conformance.report.Executions;
import dev.downhill.runtime.fixedpoint.FixedPoint;
import dev.downhill.runtime.kernels.Softmax;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every fixed-point primitive of the runtime against {@link ExactArithmetic}, over random operands
 * with jqwik's edge cases mixed in (0, ±1, int limits) and over generated rounding ties, which random
 * operands almost never hit. Tries per property: {@code jqwik.tries.default} (10,000 in CI).
 *
 * <p>The softmax approximations are not exact by design; they are held to measured error bounds
 * against {@link Math#exp} and {@code 1/(1+x)} and must be monotonic.
 */
class FixedPointPropertiesTest {

    private static final String PREFIX = "fixedpoint.";
    private static final double Q31 = 2147483648.0;
    private static final double Q26 = 67108864.0;

    /**
     * Bound on |ExpNeg(a) - e^a| in real units. The gemmlowp polynomial is accurate to about 2.3e-7
     * (measured: 2.29e-7 over every a in [-32, 0] sampled at stride 97, and over all 2^31 inputs at
     * stride 1024); 2^-21 = 4.8e-7 leaves room without hiding a broken constant, which costs 1e-3 or more.
     * ExpNeg is monotonic at full resolution (checked exhaustively over all 2^31 inputs, once).
     */
    static final double EXP_ABS_ERROR_BOUND = 0x1p-21;

    /**
     * Bound on |Recip1p(u) - 1/(1+u)|: three Newton steps reach about 3.2e-9 (measured over u in
     * [0, 1) at stride 89); 2^-27 = 7.5e-9. Two steps instead of three would give ~1e-5.
     */
    static final double RECIPROCAL_ABS_ERROR_BOUND = 0x1p-27;

    // ---- SRDHM

    @Property
    void srdhmEqualsTheExactRoundedProduct(@ForAll int a, @ForAll int b) {
        Executions.count(PREFIX + "srdhm random");
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(a, b)).isEqualTo(ExactArithmetic.srdhm(a, b));
    }

    @Property
    void srdhmRoundsTiesTowardPlusInfinity(@ForAll("srdhmTies") int[] ab) {
        Executions.count(PREFIX + "srdhm ties");
        int a = ab[0];
        int b = ab[1];
        assertThat(((long) a * b) & 0x7fffffffL).as("generated a tie").isEqualTo(1L << 30);
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(a, b)).isEqualTo(ExactArithmetic.srdhm(a, b));
    }

    /** a·b = odd · 2^30: exactly half way between two multiples of 2^31. */
    @Provide
    Arbitrary<int[]> srdhmTies() {
        return Arbitraries.integers().between(0, 30).flatMap(k -> {
            int aBits = 30 - k; // a = odd << (30-k), b = odd << k; keep both inside int32
            Arbitrary<Integer> aOdd = Arbitraries.integers().between(-(1 << k), (1 << k) - 1).map(v -> 2 * v + 1)
                    .filter(v -> Math.abs((long) v << aBits) <= Integer.MAX_VALUE);
            Arbitrary<Integer> bOdd = Arbitraries.integers().between(-(1 << (30 - k)), (1 << (30 - k)) - 1)
                    .map(v -> 2 * v + 1).filter(v -> Math.abs((long) v << k) <= Integer.MAX_VALUE);
            return Combinators.combine(aOdd, bOdd).as((x, y) -> new int[] {x << aBits, y << k});
        });
    }

    // ---- RDBPOT

    @Property
    void rdbpotEqualsTheExactRoundedQuotient(@ForAll int x, @ForAll @IntRange(min = 0, max = 31) int exponent) {
        Executions.count(PREFIX + "rdbpot random");
        assertThat(FixedPoint.roundingDivideByPowerOfTwo(x, exponent)).isEqualTo(ExactArithmetic.rdbpot(x, exponent));
    }

    @Property
    void rdbpotRoundsTiesAwayFromZero(@ForAll("rdbpotTies") Tuple.Tuple2<Integer, Integer> xn) {
        Executions.count(PREFIX + "rdbpot ties");
        int x = xn.get1();
        int n = xn.get2();
        int expected = ExactArithmetic.rdbpot(x, n);
        assertThat(Math.abs((long) expected)).as("tie rounds away from zero")
                .isEqualTo((Math.abs((long) x) >> n) + 1);
        assertThat(FixedPoint.roundingDivideByPowerOfTwo(x, n)).isEqualTo(expected);
    }

    /** x = q·2^n ± 2^(n-1): exactly half way. */
    @Provide
    Arbitrary<Tuple.Tuple2<Integer, Integer>> rdbpotTies() {
        return Arbitraries.integers().between(1, 31).flatMap(n -> {
            long half = 1L << (n - 1);
            long qMax = (Integer.MAX_VALUE - half) >> n;
            return Combinators.combine(Arbitraries.longs().between(-qMax, qMax), Arbitraries.of(-1, 1))
                    .as((q, sign) -> Tuple.of((int) ((q << n) + sign * half), n));
        });
    }

    // ---- MBQM

    @Property
    void mbqmIsTheDefaultDoubleRounding(@ForAll int x, @ForAll("multipliers") int multiplier,
            @ForAll @IntRange(min = -31, max = 30) int shift) {
        Executions.count(PREFIX + "mbqm random");
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(x, multiplier, shift))
                .isEqualTo(ExactArithmetic.mbqm(x, multiplier, shift));
    }

    @Property
    void mbqmHalfUpIsSrdhmThenTiesUp(@ForAll int x, @ForAll("multipliers") int multiplier,
            @ForAll @IntRange(min = -31, max = 30) int shift) {
        Executions.count(PREFIX + "mbqm half up random");
        int halfUp = FixedPoint.multiplyByQuantizedMultiplierHalfUp(x, multiplier, shift);
        assertThat(halfUp).isEqualTo(ExactArithmetic.mbqmHalfUp(x, multiplier, shift));
        // it parts from TFLM's rounding only at a negative tie of the second rounding, by one step up
        int tflm = FixedPoint.multiplyByQuantizedMultiplier(x, multiplier, shift);
        if (halfUp != tflm) {
            int right = Math.max(-shift, 0);
            int srdhm = ExactArithmetic.srdhm(x << Math.max(shift, 0), multiplier);
            assertThat(halfUp - tflm).isEqualTo(1);
            assertThat(srdhm).isNegative();
            assertThat(Math.floorMod((long) srdhm, 1L << right)).as("second rounding at a tie").isEqualTo(1L << (right - 1));
        }
    }

    /**
     * Where x·2^shift does not wrap or saturate, double rounding is within one step of the exact
     * product, and differs from single rounding only when the second rounding meets a tie (§3.3).
     */
    @Property
    void mbqmDiffersFromSingleRoundingOnlyAtTies(@ForAll int anyX, @ForAll("multipliers") int multiplier,
            @ForAll @IntRange(min = -31, max = 30) int shift) {
        Executions.count(PREFIX + "mbqm vs single rounding");
        int left = Math.max(shift, 0);
        int right = Math.max(-shift, 0);
        int x = anyX >> left; // keeps x·2^left inside int32
        int srdhm = ExactArithmetic.srdhm(x << left, multiplier);
        long doubleRounded = FixedPoint.multiplyByQuantizedMultiplier(x, multiplier, shift);
        long singleRounded = ExactArithmetic.singleRounding(x, multiplier, shift).longValueExact();
        assertThat(Math.abs(doubleRounded - singleRounded)).isLessThanOrEqualTo(1);
        if (doubleRounded != singleRounded) {
            assertThat(right).isPositive();
            assertThat(Math.floorMod((long) srdhm, 1L << right)).as("second rounding at a tie").isEqualTo(1L << (right - 1));
        }
    }

    /** 0 or [2^30, 2^31-1], the range QuantizeMultiplier produces, with its ends weighted in. */
    @Provide
    Arbitrary<Integer> multipliers() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.of(1 << 30, Integer.MAX_VALUE, 2039655759, 1717986944)),
                Tuple.of(17, Arbitraries.integers().between(1 << 30, Integer.MAX_VALUE)));
    }

    // ---- saturating shifts and int8 saturation

    @Property
    void saturatingLeftShiftClampsTheExactProduct(@ForAll int x, @ForAll @IntRange(min = 0, max = 31) int k) {
        Executions.count(PREFIX + "saturating left shift");
        assertThat(FixedPoint.saturatingLeftShift(x, k)).isEqualTo(ExactArithmetic.saturatingLeftShift(x, k));
    }

    @Property
    void saturateToInt8ClampsToTheInt8Range(@ForAll int x) {
        Executions.count(PREFIX + "int8 saturation");
        assertThat(FixedPoint.saturateToInt8(x)).isEqualTo(ExactArithmetic.saturateToInt8(x));
    }

    /** Only 258 values: jqwik runs them all (exhaustive generation), so it is not in the tries count. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void saturateToInt8IsTheIdentityInsideTheRange(@ForAll @IntRange(min = -129, max = 128) int x) {
        assertThat(FixedPoint.saturateToInt8(x)).isEqualTo(Math.max(-128, Math.min(127, x)));
    }

    // ---- softmax approximations

    @Property
    void expOnNegativeValuesIsWithinItsBoundOfMathExp(@ForAll @IntRange(min = Integer.MIN_VALUE, max = 0) int a) {
        Executions.count(PREFIX + "exp bound");
        double approx = Softmax.expOnNegativeValues(a) / Q31;
        assertThat(Math.abs(approx - Math.exp(a / Q26))).as("exp(%s)", a / Q26).isLessThanOrEqualTo(EXP_ABS_ERROR_BOUND);
    }

    @Property
    void expOnNegativeValuesIsMonotonic(@ForAll @IntRange(min = Integer.MIN_VALUE, max = 0) int a,
            @ForAll @IntRange(min = 0, max = 1 << 20) int step) {
        Executions.count(PREFIX + "exp monotonic");
        int b = (int) Math.min(0L, (long) a + step);
        assertThat(Softmax.expOnNegativeValues(a)).isLessThanOrEqualTo(Softmax.expOnNegativeValues(b));
        assertThat(Softmax.expOnNegativeValues(a)).isNotNegative();
    }

    @Property
    void reciprocalIsWithinItsBoundOfOneOverOnePlusX(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int u) {
        Executions.count(PREFIX + "reciprocal bound");
        double approx = Softmax.oneOverOnePlusX(u) / Q31;
        assertThat(Math.abs(approx - 1.0 / (1.0 + u / Q31))).isLessThanOrEqualTo(RECIPROCAL_ABS_ERROR_BOUND);
    }

    /**
     * Recip1p is monotonic only at a resolution of {@value #RECIPROCAL_MONOTONIC_RESOLUTION} raw units
     * (2^-26): its rounding noise (up to ~7 raw units) exceeds the slope of 1/(1+x) (1/4 to 1 raw unit
     * per raw unit), so neighbouring inputs do go up: 65.7 million of the 2^31 adjacent pairs do
     * (measured exhaustively), and steps of 1 to 16 all have rises, 24 and more none (sampled).
     * Softmax only needs it at the resolution of an int8 output (2^-8), far coarser.
     */
    static final int RECIPROCAL_MONOTONIC_RESOLUTION = 32;

    @Property
    void reciprocalIsMonotonic(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int u,
            @ForAll @IntRange(min = RECIPROCAL_MONOTONIC_RESOLUTION, max = 1 << 20) int step) {
        Executions.count(PREFIX + "reciprocal monotonic");
        int v = (int) Math.min(Integer.MAX_VALUE, (long) u + step);
        assertThat(Softmax.oneOverOnePlusX(u)).isGreaterThanOrEqualTo(Softmax.oneOverOnePlusX(v));
    }

    @Property(tries = 1)
    void approximationsHitTheSpecCheckValues() {
        assertThat(Softmax.expOnNegativeValues(0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Softmax.expOnNegativeValues(-107374184)).isEqualTo(433569460);   // e^-1.6, §7.3
        assertThat(Softmax.oneOverOnePlusX(0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Softmax.oneOverOnePlusX(1 << 30) / Q31).isCloseTo(0.66666666511, org.assertj.core.data.Offset.offset(1e-11));
        assertThat(Softmax.oneOverOnePlusX(1226899456)).isEqualTo(1366675294);     // §7.5
    }

    @AfterContainer
    static void recordExecutions() {
        Map<String, Long> runs = Executions.of(PREFIX);
        long fewest = runs.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long total = runs.values().stream().mapToLong(Long::longValue).sum();
        // every property run at the default number of tries (not exhaustive, not a single check) counts its
        // executions under its own name
        long counted = java.util.Arrays.stream(FixedPointPropertiesTest.class.getDeclaredMethods())
                .map(m -> m.getAnnotation(Property.class))
                .filter(p -> p != null && p.tries() == 0 && p.generation() != GenerationMode.EXHAUSTIVE)
                .count();
        boolean met = fewest >= 10_000 && runs.size() == counted;
        ConformanceReport.record("fixed-point properties: fewest tries of " + runs.size() + " of " + counted
                + " properties (total " + total + ")", fewest, ">= 10000 each", met);
        assertThat(runs).as("executions per property").hasSize((int) counted);
        assertThat(fewest).as("fewest tries of a property").isGreaterThanOrEqualTo(10_000);
    }
}

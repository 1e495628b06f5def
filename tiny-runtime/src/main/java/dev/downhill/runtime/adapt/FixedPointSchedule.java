package dev.downhill.runtime.adapt;

/**
 * A learning-rate schedule in fixed point: the rate for step {@code t} (0-based) as a Q8.24 int
 * ({@link #ONE} = 1.0). Kept apart from the optimiser ({@link FixedPointSgd}), so any rule works with any
 * optimiser; host-trainer's float reference evaluates the same formulas in double.
 *
 * <ul>
 *   <li>constant: {@code rate0};</li>
 *   <li>step decay: {@code rate0 · factor^floor(t / period)};</li>
 *   <li>inverse-time decay (the default): {@code rate0 / (1 + t / T)}, computed exactly as
 *       {@code round(rate0 · T / (T + t))}.</li>
 * </ul>
 * Immutable; {@link #rateAt} allocates nothing.
 */
public final class FixedPointSchedule {

    /** 1.0 in Q8.24. */
    public static final int ONE = 1 << 24;

    /** Kind: constant rate. */
    public static final int CONSTANT = 0;
    /** Kind: step decay. */
    public static final int STEP = 1;
    /** Kind: inverse-time decay. */
    public static final int INVERSE_TIME = 2;

    private final int kind;
    private final int rate0;
    private final int factor;
    private final int period;

    private FixedPointSchedule(int kind, int rate0, int factor, int period) {
        if (rate0 < 0) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + rate0 + " (Q8.24)");
        }
        if (period < 1) {
            throw new IllegalArgumentException("schedule period must be >= 1, got " + period);
        }
        if (factor < 0 || factor > ONE) {
            throw new IllegalArgumentException("decay factor must be in [0, 1] (Q8.24 0.." + ONE + "), got " + factor);
        }
        this.kind = kind;
        this.rate0 = rate0;
        this.factor = factor;
        this.period = period;
    }

    /**
     * A constant rate.
     *
     * @param rate the rate, Q8.24, >= 0
     * @return the schedule
     * @throws IllegalArgumentException if the rate is negative
     */
    public static FixedPointSchedule constant(int rate) {
        return new FixedPointSchedule(CONSTANT, rate, ONE, 1);
    }

    /**
     * Step decay: {@code rate · factor^floor(t / period)}.
     *
     * @param rate   the initial rate, Q8.24, >= 0
     * @param factor the decay per period, Q8.24 in [0, 1]
     * @param period steps per decay, >= 1
     * @return the schedule
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static FixedPointSchedule stepDecay(int rate, int factor, int period) {
        return new FixedPointSchedule(STEP, rate, factor, period);
    }

    /**
     * Inverse-time decay {@code rate / (1 + t / halfLife)}: the rate has halved after {@code halfLife} steps.
     *
     * @param rate     the initial rate, Q8.24, >= 0
     * @param halfLife T, >= 1
     * @return the schedule
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static FixedPointSchedule inverseTime(int rate, int halfLife) {
        return new FixedPointSchedule(INVERSE_TIME, rate, ONE, halfLife);
    }

    /**
     * The kind of schedule.
     *
     * @return {@link #CONSTANT}, {@link #STEP} or {@link #INVERSE_TIME}
     */
    public int kind() {
        return kind;
    }

    /**
     * The rate at step 0.
     *
     * @return the rate, Q8.24
     */
    public int initialRate() {
        return rate0;
    }

    /**
     * Step decay's factor.
     *
     * @return the factor, Q8.24; {@link #ONE} for the other kinds
     */
    public int factor() {
        return factor;
    }

    /**
     * Step decay's period, or inverse-time decay's T.
     *
     * @return the period; 1 for a constant rate
     */
    public int period() {
        return period;
    }

    /**
     * The rate for a step.
     *
     * @param t the step, 0-based (a negative t counts as 0)
     * @return the rate, Q8.24
     */
    public int rateAt(int t) {
        if (t < 0) {
            t = 0;
        }
        if (kind == INVERSE_TIME) {
            long denominator = (long) period + t;
            return (int) (((long) rate0 * period + denominator / 2) / denominator);
        }
        if (kind == STEP) {
            int n = t / period;
            long rate = rate0;
            long base = factor;
            // factor^n by squaring, each product rounded in Q24; stops early once the rate is 0
            while (n > 0 && rate > 0) {
                if ((n & 1) != 0) {
                    rate = (rate * base + (ONE >> 1)) >> 24;
                }
                base = (base * base + (ONE >> 1)) >> 24;
                n >>= 1;
            }
            return (int) rate;
        }
        return rate0;
    }
}

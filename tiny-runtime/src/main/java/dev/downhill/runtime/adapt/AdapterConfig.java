package dev.downhill.runtime.adapt;

/**
 * Set-up choices of an {@link Adapter}: what is trainable, the learning-rate schedule, the optimiser, the
 * guards and the buffers. A plain mutable holder used once at set-up; setters validate and return {@code this}.
 * Every number is an integer: rates and momentum in Q8.24 ({@link FixedPointSchedule#ONE} = 1.0), gradient
 * clip in Q15.16, probabilities in 1/256.
 *
 * <p>Defaults (the "default recipe"): input recalibration and all biases; plain SGD with inverse-time decay
 * {@code 0.05 / (1 + t/100)} with a pull toward the factory parameters of {@code 0.15 ·} rate per step; the input
 * gains' rate multiplied by 4; gradients clipped to ±2; batch 1; no replay; guards {@link Guards#DEFAULT}; a contradiction
 * counts as confident at probability >= 243/256 (0.95); the agreement monitor resets when at most 3 of the last
 * 32 labels agreed with the prediction; a loss-check ring (when enabled) of 8 samples.
 */
public final class AdapterConfig {

    /** Softmax cross-entropy on a class label (the last layer must be SOFTMAX). */
    public static final int LOSS_CROSS_ENTROPY = 0;
    /** Mean-squared error on int8 targets (the last layer must be FULLY_CONNECTED). */
    public static final int LOSS_MSE = 1;

    /** The default learning rate, 0.05 in Q8.24. */
    public static final int DEFAULT_RATE = 838861;
    /** The default inverse-time decay constant T (the rate halves after T steps). */
    public static final int DEFAULT_HALF_LIFE = 100;
    /** The default pull toward the factory parameters, 0.15 of the rate per step (Q8.24). */
    public static final int DEFAULT_ANCHOR = 2516582;
    /** The default multiplier of the input gains' rate, 4 (Q8.24). */
    public static final int DEFAULT_GAIN_RATE = 4 << 24;
    /** Guard (d)'s default threshold: 0.5 standardised units (Q8.24), see {@link #inputShiftThreshold(int)}. */
    public static final int DEFAULT_INPUT_SHIFT_THRESHOLD = 1 << 23;
    /** The default gradient clip, 2.0 in Q15.16. */
    public static final int DEFAULT_CLIP = 2 << 16;

    int trainable = TrainableSet.DEFAULT;
    int loss = LOSS_CROSS_ENTROPY;
    FixedPointSchedule schedule = FixedPointSchedule.inverseTime(DEFAULT_RATE, DEFAULT_HALF_LIFE);
    int momentum;
    int clip = DEFAULT_CLIP;
    int batchSize = 1;
    int guards = Guards.DEFAULT;
    int confidentProbability = 243;
    int monitorWindow = 32;
    int monitorMinAgreements = 4;
    int ringSize = 8;
    int replay;
    int gainRate = DEFAULT_GAIN_RATE;
    int shiftRate = FixedPointSchedule.ONE;
    int biasRate = FixedPointSchedule.ONE;
    int anchor = DEFAULT_ANCHOR;
    int inputShiftThreshold = DEFAULT_INPUT_SHIFT_THRESHOLD;

    /** A configuration with the defaults above. */
    public AdapterConfig() {
    }

    /**
     * What is trained.
     *
     * @param set {@link TrainableSet} flags
     * @return this configuration
     * @throws IllegalArgumentException if {@code set} is empty or has unknown flags
     */
    public AdapterConfig trainable(int set) {
        if (!TrainableSet.isValid(set)) {
            throw new IllegalArgumentException("not a valid trainable set: " + set);
        }
        this.trainable = set;
        return this;
    }

    /**
     * The loss.
     *
     * @param kind {@link #LOSS_CROSS_ENTROPY} or {@link #LOSS_MSE}
     * @return this configuration
     * @throws IllegalArgumentException if {@code kind} is neither
     */
    public AdapterConfig loss(int kind) {
        if (kind != LOSS_CROSS_ENTROPY && kind != LOSS_MSE) {
            throw new IllegalArgumentException("unknown loss kind " + kind);
        }
        this.loss = kind;
        return this;
    }

    /**
     * The learning-rate schedule.
     *
     * @param s the schedule
     * @return this configuration
     * @throws IllegalArgumentException if {@code s} is null
     */
    public AdapterConfig schedule(FixedPointSchedule s) {
        if (s == null) {
            throw new IllegalArgumentException("schedule is null");
        }
        this.schedule = s;
        return this;
    }

    /**
     * Momentum; 0 (default) is plain SGD.
     *
     * @param q24 the momentum, Q8.24 in [0, 1)
     * @return this configuration
     * @throws IllegalArgumentException if out of range
     */
    public AdapterConfig momentum(int q24) {
        new FixedPointSgd(q24, 0);                                      // validates
        this.momentum = q24;
        return this;
    }

    /**
     * Gradient clipping by value.
     *
     * @param q16 largest |gradient| per parameter, Q15.16 (default {@link #DEFAULT_CLIP}); 0 = no clipping
     * @return this configuration
     * @throws IllegalArgumentException if negative
     */
    public AdapterConfig clip(int q16) {
        new FixedPointSgd(0, q16);                                      // validates
        this.clip = q16;
        return this;
    }

    /**
     * Samples whose gradients are accumulated (averaged) before one update; 1 (default) is online SGD.
     *
     * @param n the batch size, 1..256
     * @return this configuration
     * @throws IllegalArgumentException if out of range
     */
    public AdapterConfig batchSize(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("batch size must be in [1, 256], got " + n);
        }
        this.batchSize = n;
        return this;
    }

    /**
     * The guards.
     *
     * @param flags {@link Guards} flags
     * @return this configuration
     * @throws IllegalArgumentException if {@code flags} has unknown bits
     */
    public AdapterConfig guards(int flags) {
        if (!Guards.isValid(flags)) {
            throw new IllegalArgumentException("not a valid guard set: " + flags);
        }
        this.guards = flags;
        return this;
    }

    /**
     * Guard (b): a prediction is "highly confident" at probability >= {@code p256}/256.
     *
     * @param p256 the threshold, 1..256
     * @return this configuration
     * @throws IllegalArgumentException if out of range
     */
    public AdapterConfig confidentProbability(int p256) {
        if (p256 < 1 || p256 > 256) {
            throw new IllegalArgumentException("confident probability must be in [1, 256] (1/256 units), got " + p256);
        }
        this.confidentProbability = p256;
        return this;
    }

    /**
     * Guard (c): reset when fewer than {@code minAgreements} of the last {@code window} samples agreed.
     *
     * @param window        samples remembered, 1..1024
     * @param minAgreements agreements a full window needs, 0..window
     * @return this configuration
     * @throws IllegalArgumentException if out of range
     */
    public AdapterConfig agreementMonitor(int window, int minAgreements) {
        if (window < 1 || window > 1024 || minAgreements < 0 || minAgreements > window) {
            throw new IllegalArgumentException("agreement monitor needs 1 <= window <= 1024 and"
                    + " 0 <= minAgreements <= window, got " + window + ", " + minAgreements);
        }
        this.monitorWindow = window;
        this.monitorMinAgreements = minAgreements;
        return this;
    }

    /**
     * Samples kept for the loss check (a) and for replay.
     *
     * @param n the ring size, 1..64
     * @return this configuration
     * @throws IllegalArgumentException if out of range
     */
    public AdapterConfig ringSize(int n) {
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("ring size must be in [1, 64], got " + n);
        }
        this.ringSize = n;
        return this;
    }

    /**
     * Recent samples replayed after each new labelled sample.
     *
     * @param n replays per sample, 0 (default) .. 64
     * @return this configuration
     * @throws IllegalArgumentException if out of range
     */
    public AdapterConfig replay(int n) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("replay must be in [0, 64], got " + n);
        }
        this.replay = n;
        return this;
    }

    /**
     * Per-kind multipliers of the learning rate (Q8.24, each in (0, 256)): input gains, input shifts, biases
     * (last-layer weights use the bias multiplier). Default {@link #DEFAULT_GAIN_RATE} (4), 1, 1: the gain's
     * gradient is dL/du times the standardised input, the shift's is in raw units, so they need different rates.
     *
     * @param inputGain  multiplier for the input gains
     * @param inputShift multiplier for the input shifts
     * @param bias       multiplier for biases and last-layer weights
     * @return this configuration
     * @throws IllegalArgumentException if a multiplier is not positive
     */
    public AdapterConfig rateScales(int inputGain, int inputShift, int bias) {
        if (inputGain <= 0 || inputShift <= 0 || bias <= 0) {
            throw new IllegalArgumentException("rate multipliers must be > 0 (Q8.24), got " + inputGain + ", "
                    + inputShift + ", " + bias);
        }
        this.gainRate = inputGain;
        this.shiftRate = inputShift;
        this.biasRate = bias;
        return this;
    }

    /**
     * Pull toward the factory parameters (Q8.24, in [0, 1]): after every update each trainable master moves by
     * {@code rate · anchor} of its distance to its factory value. It damps the wander of honest data while a
     * consistent signal (a drift) still moves the parameters. Default {@link #DEFAULT_ANCHOR}; 0 is off.
     *
     * @param q24 the anchor strength, relative to the learning rate
     * @return this configuration
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public AdapterConfig anchor(int q24) {
        if (q24 < 0 || q24 > FixedPointSchedule.ONE) {
            throw new IllegalArgumentException("anchor must be in [0, 1] (Q8.24 0.." + FixedPointSchedule.ONE
                    + "), got " + q24);
        }
        this.anchor = q24;
        return this;
    }

    /**
     * Guard (d): how far the moving average of the per-sample mean input must move from the factory data's centre
     * before guard (b) stands down, in the input tensor's real units (standardised units for a model whose input
     * stage standardises: 1.0 is one training standard deviation of every feature at once). Default
     * {@link #DEFAULT_INPUT_SHIFT_THRESHOLD}.
     *
     * @param q24 the threshold, Q8.24, > 0
     * @return this configuration
     * @throws IllegalArgumentException if not positive
     */
    public AdapterConfig inputShiftThreshold(int q24) {
        if (q24 <= 0) {
            throw new IllegalArgumentException("input shift threshold must be > 0 (Q8.24), got " + q24);
        }
        this.inputShiftThreshold = q24;
        return this;
    }

    /**
     * The trainable set.
     *
     * @return {@link TrainableSet} flags
     */
    public int trainable() {
        return trainable;
    }

    /**
     * The guard flags.
     *
     * @return {@link Guards} flags
     */
    public int guards() {
        return guards;
    }

    /**
     * The schedule.
     *
     * @return the learning-rate schedule
     */
    public FixedPointSchedule schedule() {
        return schedule;
    }

    /**
     * Guard (d)'s threshold.
     *
     * @return the threshold, Q8.24, in the input tensor's real units
     */
    public int inputShiftThresholdQ24() {
        return inputShiftThreshold;
    }

    /** Whether the ring buffer of samples is needed (loss check or replay). */
    boolean needsRing() {
        return (guards & Guards.LOSS_CHECK) != 0 || replay > 0;
    }
}

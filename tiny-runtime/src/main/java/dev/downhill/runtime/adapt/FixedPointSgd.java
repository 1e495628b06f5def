package dev.downhill.runtime.adapt;

/**
 * Plain SGD and SGD with momentum on int32 fixed-point master copies, with gradient clipping by value and
 * saturation instead of overflow. The learning rate comes from a {@link FixedPointSchedule} per step.
 *
 * <p>Per parameter, with gradient {@code g} as a real number in Q15.16 ({@link #GRADIENT_ONE} = 1.0):
 * <pre>
 *   g = clamp(g, −clip, clip)                         (skipped when clip == 0)
 *   v = sat(momentum · v + g)                         (momentum in Q8.24; plain SGD keeps no v)
 *   master = sat(master − round(rate · v · unit))     (rate in Q8.24)
 * </pre>
 * {@code unit} converts a real step into master units (e.g. {@code 2^8 / S_bias} for a bias master with eight
 * fraction bits); it is a packed {@link ScaleMath} value, one per tensor or one per channel. The float reference
 * in host-trainer applies the same three lines in double. Allocates nothing.
 */
public final class FixedPointSgd {

    /** 1.0 as a gradient (Q15.16). */
    public static final int GRADIENT_ONE = 1 << 16;

    private final int momentum;
    private final int clip;

    /**
     * An optimiser with the given momentum and clip.
     *
     * @param momentum Q8.24 in [0, 1); 0 is plain SGD
     * @param clip     largest |gradient| in Q15.16; 0 turns clipping off
     * @throws IllegalArgumentException if either is out of range
     */
    public FixedPointSgd(int momentum, int clip) {
        if (momentum < 0 || momentum >= FixedPointSchedule.ONE) {
            throw new IllegalArgumentException("momentum must be in [0, 1) (Q8.24), got " + momentum);
        }
        if (clip < 0) {
            throw new IllegalArgumentException("gradient clip must be >= 0 (0 = off), got " + clip);
        }
        this.momentum = momentum;
        this.clip = clip;
    }

    /**
     * The {@code unit} argument of {@link #update} for a tensor whose master holds {@code realToMaster} units
     * per real unit: it also absorbs the 2^-40 of the Q8.24 rate times the Q15.16 gradient.
     */
    static long unit(long realToMaster) {
        return ScaleMath.multiply(realToMaster, ScaleMath.powerOfTwo(-40));
    }

    /**
     * Whether velocity buffers are needed.
     *
     * @return true if the momentum is not 0
     */
    public boolean usesMomentum() {
        return momentum != 0;
    }

    /**
     * The momentum.
     *
     * @return the momentum, Q8.24
     */
    public int momentum() {
        return momentum;
    }

    /**
     * The clip bound.
     *
     * @return the largest |gradient|, Q15.16 (0 = off)
     */
    public int clip() {
        return clip;
    }

    /**
     * The rate and a tensor's unit combined, once per step, for {@link #updateScaled}: a packed {@code ScaleMath}
     * value, or multiplier 0 for a zero rate.
     *
     * @param rate this step's learning rate (Q8.24, >= 0)
     * @param unit {@link #unit} of the tensor
     */
    static long stepScale(int rate, long unit) {
        return rate > 0 ? ScaleMath.multiply(ScaleMath.fromInt(rate), unit) : 0;
    }

    /**
     * {@link #update} for a tensor with one unit, with the rate and the unit combined once per step by
     * {@link #stepScale}: the same real-valued update, one multiplication per parameter instead of two and no
     * operand normalisation. It rounds {@code rate · unit} to 31 bits once per step where {@link #update} rounds
     * {@code rate · g} per parameter, so the two can differ by one unit of the master (a relative 2^-30 of the
     * step). The input stage's gains and shifts, one unit per tensor and a large share of a step's work, use it.
     *
     * @param master    the parameter's master value
     * @param gradient  the gradient, a real number in Q15.16
     * @param velocity  velocity array, or {@code null} for plain SGD
     * @param index     index into {@code velocity}
     * @param stepScale {@link #stepScale} of this step's rate and the tensor's unit
     * @return the new master value, saturated to the int range
     */
    int updateScaled(int master, int gradient, int[] velocity, int index, long stepScale) {
        int g = velocityStep(gradient, velocity, index);
        return ScaleMath.saturate((long) master - ScaleMath.applyInt(g, ScaleMath.multiplier(stepScale),
                ScaleMath.shift(stepScale)));
    }

    /** The clipped gradient, folded into the velocity with momentum: what the rate multiplies. */
    private int velocityStep(int gradient, int[] velocity, int index) {
        int g = gradient;
        if (clip != 0) {
            g = g > clip ? clip : (g < -clip ? -clip : g);
        }
        if (velocity != null) {
            long v = (((long) momentum * velocity[index] + (1L << 23)) >> 24) + g;
            g = ScaleMath.saturate(v);
            velocity[index] = g;
        }
        return g;
    }

    /**
     * Updates one parameter and returns its new master value.
     *
     * @param master   the parameter's master value
     * @param gradient the gradient, a real number in Q15.16
     * @param velocity velocity array, or {@code null} for plain SGD
     * @param index    index into {@code velocity}
     * @param rate     this step's learning rate (Q8.24)
     * @param unit     {@link #unit} of the tensor (or channel)
     * @return the new master value, saturated to the int range
     */
    public int update(int master, int gradient, int[] velocity, int index, int rate, long unit) {
        int g = velocityStep(gradient, velocity, index);
        int step = ScaleMath.apply((long) rate * g, unit);               // rate·g is Q40: unit carries 2^-40
        return ScaleMath.saturate((long) master - step);
    }
}

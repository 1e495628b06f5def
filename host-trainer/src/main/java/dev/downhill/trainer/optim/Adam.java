package dev.downhill.trainer.optim;

import java.util.Arrays;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, as in PyTorch's {@code torch.optim.Adam}. Weight decay,
 * when set, is either coupled L2 ({@code g + decay * p}, classic Adam) or decoupled (AdamW, Loshchilov and
 * Hutter, 2019: {@code p -= lr * decay * p} before the Adam step), chosen by {@link #adam}/{@link #adamW}.
 * <pre>
 *   m = b1 m + (1 - b1) g          v = b2 v + (1 - b2) g^2
 *   p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 */
public final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final float epsilon;
    private final float weightDecay;
    private final boolean decoupled;
    private float[][] m;
    private float[][] v;
    private long t;

    private Adam(double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1): " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need epsilon > 0 and weight decay >= 0");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = (float) epsilon;
        this.weightDecay = (float) weightDecay;
        this.decoupled = decoupled;
    }

    /** Adam with PyTorch's defaults (0.9, 0.999, 1e-8) and coupled L2 decay. */
    public static Adam adam(double weightDecay) {
        return new Adam(0.9, 0.999, 1e-8, weightDecay, false);
    }

    /** AdamW: decoupled weight decay (PyTorch's default decay is 0.01). */
    public static Adam adamW(double weightDecay) {
        return new Adam(0.9, 0.999, 1e-8, weightDecay, true);
    }

    /** Full control over the hyper-parameters. */
    public static Adam of(double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
        return new Adam(beta1, beta2, epsilon, weightDecay, decoupled);
    }

    @Override
    public void init(float[][] params) {
        m = Optimizer.zerosLike(params);
        v = Optimizer.zerosLike(params);
        t = 0;
    }

    @Override
    public void step(float[][] params, float[][] grads, double learningRate) {
        t++;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        // Bias corrections folded into one step size and one scale, computed once per step in double.
        double correction1 = 1 - StrictMath.pow(beta1, t);
        double sqrtCorrection2 = StrictMath.sqrt(1 - StrictMath.pow(beta2, t));
        float stepSize = (float) (learningRate / correction1);
        float invSqrtC2 = (float) (1 / sqrtCorrection2);
        float shrink = decoupled ? (float) (1 - learningRate * weightDecay) : 1f;
        float l2 = decoupled ? 0f : weightDecay;
        for (int b = 0; b < params.length; b++) {
            float[] pb = params[b];
            float[] gb = grads[b];
            float[] mb = m[b];
            float[] vb = v[b];
            for (int k = 0; k < pb.length; k++) {
                float p = pb[k] * shrink;
                float g = gb[k] + l2 * p;
                float mk = b1 * mb[k] + c1 * g;
                float vk = b2 * vb[k] + c2 * g * g;
                mb[k] = mk;
                vb[k] = vk;
                pb[k] = p - stepSize * mk / ((float) Math.sqrt(vk) * invSqrtC2 + epsilon);
            }
        }
    }

    @Override
    public void reset() {
        if (m != null) {
            for (int b = 0; b < m.length; b++) {
                Arrays.fill(m[b], 0f);
                Arrays.fill(v[b], 0f);
            }
        }
        t = 0;
    }

    @Override
    public String name() {
        return decoupled ? "adamw" : "adam";
    }
}

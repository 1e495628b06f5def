package dev.downhill.trainer.optim;

/**
 * Stochastic gradient descent, optionally with momentum (heavy ball) or Nesterov momentum, and L2 weight
 * decay added to the gradient ({@code g + decay * p}). The update rules follow PyTorch's {@code torch.optim.SGD}
 * with {@code dampening = 0}, so runs can be compared with it:
 * <pre>
 *   plain:     p -= lr * g
 *   momentum:  v = mu * v + g;  p -= lr * v
 *   nesterov:  v = mu * v + g;  p -= lr * (g + mu * v)
 * </pre>
 */
public final class Sgd implements Optimizer {
    /** Which momentum rule to use. */
    public enum Momentum { NONE, STANDARD, NESTEROV }

    private final Momentum kind;
    private final float mu;
    private final float weightDecay;
    private float[][] velocity;

    /**
     * @param kind        momentum rule
     * @param momentum    mu in [0, 1); ignored for {@link Momentum#NONE}
     * @param weightDecay L2 coefficient >= 0
     */
    public Sgd(Momentum kind, double momentum, double weightDecay) {
        if (kind != Momentum.NONE && !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.kind = kind;
        this.mu = (float) momentum;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public void init(float[][] params) {
        velocity = kind == Momentum.NONE ? null : Optimizer.zerosLike(params);
    }

    @Override
    public void step(float[][] params, float[][] grads, double learningRate) {
        float lr = (float) learningRate;
        for (int b = 0; b < params.length; b++) {
            float[] p = params[b];
            float[] gr = grads[b];
            switch (kind) {
                case NONE -> {
                    for (int k = 0; k < p.length; k++) {
                        float g = gr[k] + weightDecay * p[k];
                        p[k] -= lr * g;
                    }
                }
                case STANDARD -> {
                    float[] vel = velocity[b];
                    for (int k = 0; k < p.length; k++) {
                        float g = gr[k] + weightDecay * p[k];
                        float v = mu * vel[k] + g;
                        vel[k] = v;
                        p[k] -= lr * v;
                    }
                }
                case NESTEROV -> {
                    float[] vel = velocity[b];
                    for (int k = 0; k < p.length; k++) {
                        float g = gr[k] + weightDecay * p[k];
                        float v = mu * vel[k] + g;
                        vel[k] = v;
                        p[k] -= lr * (g + mu * v);
                    }
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }
    }

    @Override
    public void reset() {
        if (velocity != null) {
            for (float[] v : velocity) {
                java.util.Arrays.fill(v, 0f);
            }
        }
    }

    @Override
    public String name() {
        return switch (kind) {
            case NONE -> "sgd";
            case STANDARD -> "momentum";
            case NESTEROV -> "nesterov";
        };
    }
}

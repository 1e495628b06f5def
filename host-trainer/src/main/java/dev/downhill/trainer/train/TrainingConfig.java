package dev.downhill.trainer.train;

import dev.downhill.trainer.optim.Optimizer;
import dev.downhill.trainer.optim.OptimizerKind;
import dev.downhill.trainer.schedule.ScheduleSpec;
import java.util.Arrays;

/**
 * Everything that decides a training run besides the data. Together with the data it determines the result
 * bit for bit. Build with {@link #builder()}; every setting has a default a newcomer can start from.
 */
public final class TrainingConfig {
    private final int[] hidden;
    private final OptimizerKind optimizer;
    private final double learningRate;
    private final double momentum;
    private final double weightDecay;
    private final double clipNorm;
    private final ScheduleSpec schedule;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final int patience;
    private final double divergenceFactor;

    private TrainingConfig(Builder b) {
        this.hidden = b.hidden.clone();
        this.optimizer = b.optimizer;
        this.learningRate = b.learningRate;
        this.momentum = b.momentum;
        this.weightDecay = b.weightDecay;
        this.clipNorm = b.clipNorm;
        this.schedule = b.schedule;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.patience = b.patience;
        this.divergenceFactor = b.divergenceFactor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset to this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hidden = hidden.clone();
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.clipNorm = clipNorm;
        b.schedule = schedule;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.seed = seed;
        b.patience = patience;
        b.divergenceFactor = divergenceFactor;
        return b;
    }

    /** Hidden layer widths (a copy); empty means a linear model. */
    public int[] hidden() {
        return hidden.clone();
    }

    public OptimizerKind optimizer() {
        return optimizer;
    }

    /** A fresh optimiser as configured. */
    public Optimizer createOptimizer() {
        return optimizer.create(momentum, weightDecay);
    }

    /** The base learning rate (the schedule's starting / peak rate). */
    public double learningRate() {
        return learningRate;
    }

    public double momentum() {
        return momentum;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** Gradient-norm limit; 0 = no clipping. */
    public double clipNorm() {
        return clipNorm;
    }

    public ScheduleSpec schedule() {
        return schedule;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    /** Early-stopping patience in epochs; 0 = train all epochs. */
    public int patience() {
        return patience;
    }

    /** Training stops as diverged when an epoch's loss exceeds this many times the first batch's loss. */
    public double divergenceFactor() {
        return divergenceFactor;
    }

    @Override
    public String toString() {
        return "hidden=" + Arrays.toString(hidden) + " optimizer=" + optimizer.id() + " lr=" + learningRate
                + " schedule=" + schedule.kind().id() + " epochs=" + epochs + " batch=" + batchSize + " seed=" + seed;
    }

    /** Mutable builder with the defaults documented in docs/trainer.md. */
    public static final class Builder {
        private int[] hidden = {32, 16};
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double learningRate = 0.01;
        private double momentum = 0.9;
        private double weightDecay = 0;
        private double clipNorm = 0;
        private ScheduleSpec schedule = new ScheduleSpec(ScheduleSpec.Kind.COSINE, 10, 0.5, 0, 0);
        private int epochs = 60;
        private int batchSize = 32;
        private long seed = 1;
        private int patience = 0;
        private double divergenceFactor = 10;

        public Builder hidden(int... widths) {
            for (int w : widths) {
                if (w <= 0) {
                    throw new IllegalArgumentException("hidden layer widths must be positive: "
                            + Arrays.toString(widths));
                }
            }
            this.hidden = widths.clone();
            return this;
        }

        public Builder optimizer(OptimizerKind kind) {
            this.optimizer = kind;
            return this;
        }

        public Builder learningRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + rate);
            }
            this.learningRate = rate;
            return this;
        }

        public Builder momentum(double mu) {
            this.momentum = mu;
            return this;
        }

        public Builder weightDecay(double decay) {
            this.weightDecay = decay;
            return this;
        }

        public Builder clipNorm(double norm) {
            if (!(norm >= 0)) {
                throw new IllegalArgumentException("clip norm must be >= 0 (0 = off), got " + norm);
            }
            this.clipNorm = norm;
            return this;
        }

        public Builder schedule(ScheduleSpec spec) {
            this.schedule = spec;
            return this;
        }

        public Builder epochs(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("epochs must be positive, got " + n);
            }
            this.epochs = n;
            return this;
        }

        public Builder batchSize(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + n);
            }
            this.batchSize = n;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder patience(int epochs) {
            if (epochs < 0) {
                throw new IllegalArgumentException("patience must be >= 0 (0 = off), got " + epochs);
            }
            this.patience = epochs;
            return this;
        }

        public Builder divergenceFactor(double factor) {
            if (!(factor > 1)) {
                throw new IllegalArgumentException("divergence factor must be > 1, got " + factor);
            }
            this.divergenceFactor = factor;
            return this;
        }

        public TrainingConfig build() {
            // Fail on impossible optimiser settings now, not after loading the data.
            optimizer.create(momentum, weightDecay);
            return new TrainingConfig(this);
        }
    }
}

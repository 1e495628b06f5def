package dev.downhill.trainer.data;

/**
 * Standardisation of a regression target: the network learns {@code (y - mean) / deviation} and predictions
 * are mapped back with {@link #restore}. Without it a target measured in thousands would start with a huge
 * loss and need a learning rate unrelated to the usual defaults.
 */
public record TargetScaling(double mean, double deviation) {
    /** No scaling: used for classification and as the neutral value. */
    public static final TargetScaling IDENTITY = new TargetScaling(0, 1);

    public TargetScaling {
        if (!Double.isFinite(mean) || !(deviation > 0) || Double.isInfinite(deviation)) {
            throw new IllegalArgumentException("target mean " + mean + " / deviation " + deviation
                    + " are not usable");
        }
    }

    /** Mean and population deviation of the targets of {@code train} (deviation 0 becomes 1). */
    public static TargetScaling fit(Dataset train) {
        int n = train.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += train.targetOf(i);
        }
        double m = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double e = train.targetOf(i) - m;
            squares += e * e;
        }
        double d = Math.sqrt(squares / n);
        return new TargetScaling(m, d == 0 ? 1 : d);
    }

    /** Network units from target units. */
    public double scale(double y) {
        return (y - mean) / deviation;
    }

    /** Target units from network units. */
    public double restore(double z) {
        return z * deviation + mean;
    }
}

package dev.downhill.trainer.data;

/**
 * Training-ready examples: standardised inputs as one row-major {@code float[]} (what the network reads), and
 * class ids or standardised float targets. Built once per dataset so the training loop only indexes arrays.
 */
public final class Examples {
    private final float[] inputs;
    private final int width;
    private final int count;
    private final int[] classes;
    private final int classCount;
    private final float[] targets;

    private Examples(float[] inputs, int width, int[] classes, int classCount, float[] targets) {
        this.inputs = inputs;
        this.width = width;
        this.classes = classes;
        this.classCount = classCount;
        this.targets = targets;
        this.count = classes != null ? classes.length : targets.length;
        if ((long) count * width != inputs.length) {
            throw new IllegalArgumentException(inputs.length + " input values are not " + count + " rows of "
                    + width);
        }
    }

    /** Standardises {@code data} with statistics fitted on the training data. */
    public static Examples of(Dataset data, Standardizer standardizer, TargetScaling target) {
        int n = data.size();
        int d = data.featureCount();
        float[] x = new float[n * d];
        for (int r = 0; r < n; r++) {
            standardizer.apply(data, r, x, r * d);
        }
        if (data.task() == Task.CLASSIFY) {
            int[] c = new int[n];
            for (int r = 0; r < n; r++) {
                c[r] = data.classOf(r);
            }
            return new Examples(x, d, c, data.labels().classCount(), null);
        }
        float[] t = new float[n];
        for (int r = 0; r < n; r++) {
            t[r] = (float) target.scale(data.targetOf(r));
        }
        return new Examples(x, d, null, 0, t);
    }

    /** Classification examples from ready arrays (tests, synthetic data); arrays are not copied. */
    public static Examples classification(float[] inputs, int width, int[] classes, int classCount) {
        return new Examples(inputs, width, classes, classCount, null);
    }

    /** Regression examples from ready arrays; arrays are not copied. */
    public static Examples regression(float[] inputs, int width, float[] targets) {
        return new Examples(inputs, width, null, 0, targets);
    }

    public boolean isClassification() {
        return classes != null;
    }

    public int count() {
        return count;
    }

    /** Inputs per example. */
    public int width() {
        return width;
    }

    /** The backing row-major input array (not a copy: do not modify). */
    public float[] inputs() {
        return inputs;
    }

    public int classOf(int row) {
        return classes[row];
    }

    /** Number of classes (classification) or 0. */
    public int classCount() {
        return classCount;
    }

    /** Standardised target of {@code row} (regression). */
    public float targetOf(int row) {
        return targets[row];
    }
}

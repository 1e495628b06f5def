package dev.downhill.trainer.landscape;

import dev.downhill.trainer.data.Examples;
import dev.downhill.trainer.nn.BatchBuffers;
import dev.downhill.trainer.nn.HeInitializer;
import dev.downhill.trainer.nn.Loss;
import dev.downhill.trainer.nn.Mlp;
import dev.downhill.trainer.train.EpochRecord;
import dev.downhill.trainer.train.Trainer;
import dev.downhill.trainer.train.TrainingConfig;
import dev.downhill.trainer.train.TrainingListener;
import dev.downhill.trainer.train.ValidationMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The loss surface of a real network, seen on a plane through its trained parameters, with the optimiser's
 * path drawn on it. The network is retrained with a parameter snapshot after every epoch (the trainer keeps
 * no history), and the loss is evaluated on a grid of points {@code θ + a·d1 + b·d2}.
 *
 * <p>Two planes are drawn, because one cannot show both things:
 * <ul>
 *   <li><b>random, filter-normalised directions</b> (Li et al., "Visualizing the Loss Landscape of Neural
 *       Nets", 2018): Gaussian directions whose every filter (a neuron's incoming weights) is scaled to the
 *       norm of the same filter of the trained network, biases left alone. This is the honest picture of the
 *       surface around the minimum. In thousands of dimensions a random direction is almost orthogonal to the
 *       path, so the path's projection is a small knot near the centre;</li>
 *   <li><b>the path's own principal directions</b>: the two directions along which the snapshots vary most.
 *       Here the path is seen in full, and the axis titles say how much of its movement they capture.</li>
 * </ul>
 */
public final class ModelLandscape {

    /* IMPLEMENTATION NOTES
     * Parameters are handled as float[][] blocks in Mlp.parameterBlocks() order (per layer: weight rows
     * [input][output], then biases); directions and snapshots are Mlp copies, so no index arithmetic leaks
     * out. PCA runs on the T x T Gram matrix of the snapshot offsets (T = epochs + 1 is small) by power
     * iteration with deflation; the directions follow as combinations of the offsets. */

    private static final int LEVELS = 14;
    private static final int POWER_ITERATIONS = 200;

    private final Examples train;
    private final Examples data;
    private final Loss loss;
    private final int resolution;

    /**
     * @param train the examples the network is retrained on
     * @param data the examples the loss is measured on (fewer keeps the grid fast)
     * @param resolution grid points per axis, at least 5
     */
    public ModelLandscape(Examples train, Examples data, int resolution) {
        if (resolution < 5) {
            throw new IllegalArgumentException("resolution must be at least 5, found " + resolution);
        }
        this.train = train;
        this.data = data;
        this.loss = Loss.forExamples(data);
        this.resolution = resolution;
    }

    /** The result: the two pictures and how the retrained network compares with the saved one. */
    public record Result(LandscapeView random, LandscapeView principal, double finalLoss,
            double distanceFromSavedModel, double explainedByTwoComponents) {
    }

    /**
     * Retrains from scratch with {@code config}, recording the parameters after every epoch, and draws both
     * planes around the retrained network.
     *
     * @param saved the saved network (only compared with the retrained one, to report how far apart they are)
     * @param span half-width of the random-direction window, in units of the (filter-normalised) direction
     * @param seed seed of the random directions
     */
    public Result compute(Mlp saved, TrainingConfig config, double span, long seed, TrainingListener progress) {
        int outputs = train.isClassification() ? train.classCount() : 1;
        Mlp network = Mlp.of(train.width(), config.hidden(), outputs);
        HeInitializer.initialize(network, config.seed());
        List<Mlp> snapshots = new ArrayList<>();
        snapshots.add(network.copy());
        new Trainer(config).train(network, train, null, new TrainingListener() {
            @Override
            public void onStart(int epochs, int stepsPerEpoch) {
                progress.onStart(epochs, stepsPerEpoch);
            }

            @Override
            public void onEpoch(EpochRecord record) {
                snapshots.add(network.copy());
                progress.onEpoch(record);
            }

            @Override
            public void onFinish() {
                progress.onFinish();
            }
        });
        Mlp centre = network.copy();
        double distance = Math.sqrt(squaredDistance(centre, saved)) / Math.max(1e-12, Math.sqrt(dot(saved, saved)));

        Mlp d1 = randomFilterNormalised(centre, new Random(seed));
        Mlp d2 = randomFilterNormalised(centre, new Random(seed + 1));
        DescentPath randomPath = project("training path (projected)", snapshots, centre, d1, d2, false);
        HeightGrid randomGrid = grid(centre, d1, d2, -span, span, -span, span);
        LandscapeView random = new LandscapeView("Random filter-normalised directions", "direction 1",
                "direction 2", randomGrid, ContourLines.levels(randomGrid, LEVELS), List.of(randomPath),
                new double[] {0, 0}, "trained network");

        double[] variance = new double[3];
        Mlp[] pcs = principalDirections(snapshots, centre, variance);
        DescentPath path = project("training path, one dot per epoch", snapshots, centre, pcs[0], pcs[1], true);
        double[] window = window(path);
        HeightGrid pcaGrid = grid(centre, pcs[0], pcs[1], window[0], window[1], window[2], window[3]);
        String x = String.format(Locale.ROOT, "PC1 (%.0f%% of the path's variance)", 100 * variance[0] / variance[2]);
        String y = String.format(Locale.ROOT, "PC2 (%.0f%%)", 100 * variance[1] / variance[2]);
        LandscapeView principal = new LandscapeView("Principal directions of the training path", x, y, pcaGrid,
                ContourLines.levels(pcaGrid, LEVELS), List.of(path), new double[] {0, 0}, "trained network");
        double finalLoss = lossAt(centre);
        return new Result(random, principal, finalLoss, distance, (variance[0] + variance[1]) / variance[2]);
    }

    /** The mean loss of {@code network} on the data. */
    double lossAt(Mlp network) {
        BatchBuffers buffers = new BatchBuffers(network, Math.min(256, data.count()));
        return ValidationMetrics.compute(network, data, loss, buffers, 1).loss();
    }

    private HeightGrid grid(Mlp centre, Mlp d1, Mlp d2, double xMin, double xMax, double yMin, double yMax) {
        Mlp probe = centre.copy();
        BatchBuffers buffers = new BatchBuffers(probe, Math.min(256, data.count()));
        float[][] c = centre.parameterBlocks();
        float[][] u = d1.parameterBlocks();
        float[][] v = d2.parameterBlocks();
        float[][] p = probe.parameterBlocks();
        return HeightGrid.sample((a, b) -> {
            for (int k = 0; k < p.length; k++) {
                for (int i = 0; i < p[k].length; i++) {
                    p[k][i] = (float) (c[k][i] + a * u[k][i] + b * v[k][i]);
                }
            }
            double value = ValidationMetrics.compute(probe, data, loss, buffers, 1).loss();
            return Double.isFinite(value) ? value : Double.NaN;
        }, xMin, xMax, yMin, yMax, resolution, resolution);
    }

    /** Gaussian direction; each neuron's incoming weights scaled to that neuron's norm in {@code like}. */
    static Mlp randomFilterNormalised(Mlp like, Random random) {
        Mlp d = like.zerosLike();
        for (int l = 0; l < like.layerCount(); l++) {
            float[][] w = like.weights(l);
            float[][] dw = d.weights(l);
            for (int o = 0; o < like.layerOutputs(l); o++) {
                double norm = 0;
                double dNorm = 0;
                for (int i = 0; i < w.length; i++) {
                    dw[i][o] = (float) random.nextGaussian();
                    norm += (double) w[i][o] * w[i][o];
                    dNorm += (double) dw[i][o] * dw[i][o];
                }
                double scale = dNorm > 0 ? Math.sqrt(norm / dNorm) : 0;
                for (int i = 0; i < w.length; i++) {
                    dw[i][o] = (float) (dw[i][o] * scale);
                }
            }
            // Biases stay 0: Li et al. leave them out of the direction.
        }
        return d;
    }

    /**
     * The two leading principal directions of the snapshots' offsets from {@code centre}, as unit vectors;
     * {@code variance} receives the two leading eigenvalues and their total.
     */
    static Mlp[] principalDirections(List<Mlp> snapshots, Mlp centre, double[] variance) {
        int t = snapshots.size();
        List<Mlp> offsets = new ArrayList<>(t);
        for (Mlp s : snapshots) {
            offsets.add(combine(s, centre, -1));
        }
        double[][] gram = new double[t][t];
        double total = 0;
        for (int i = 0; i < t; i++) {
            for (int j = i; j < t; j++) {
                gram[i][j] = dot(offsets.get(i), offsets.get(j));
                gram[j][i] = gram[i][j];
            }
            total += gram[i][i];
        }
        Mlp[] directions = new Mlp[2];
        for (int k = 0; k < 2; k++) {
            double[] v = new double[t];
            for (int i = 0; i < t; i++) {
                v[i] = 1 + i; // deterministic start, not orthogonal to the leading component in practice
            }
            double lambda = 0;
            for (int it = 0; it < POWER_ITERATIONS; it++) {
                double[] next = new double[t];
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        next[i] += gram[i][j] * v[j];
                    }
                }
                double norm = Math.sqrt(dotArrays(next, next));
                if (norm == 0) {
                    break;
                }
                for (int i = 0; i < t; i++) {
                    next[i] /= norm;
                }
                lambda = norm;
                v = next;
            }
            variance[k] = lambda;
            // Deflate the Gram matrix so the next iteration finds the second component.
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    gram[i][j] -= lambda * v[i] * v[j];
                }
            }
            Mlp d = centre.zerosLike();
            for (int i = 0; i < t; i++) {
                addScaled(d, offsets.get(i), v[i]);
            }
            double norm = Math.sqrt(dot(d, d));
            if (norm > 0) {
                scale(d, 1 / norm);
            }
            directions[k] = d;
        }
        variance[2] = total;
        return directions;
    }

    /** The snapshots' coordinates on the plane through {@code centre} spanned by {@code u} and {@code v}. */
    private static DescentPath project(String label, List<Mlp> snapshots, Mlp centre, Mlp u, Mlp v,
            boolean orthonormal) {
        double uu = dot(u, u);
        double uv = dot(u, v);
        double vv = dot(v, v);
        double det = uu * vv - uv * uv;
        double[] xs = new double[snapshots.size()];
        double[] ys = new double[snapshots.size()];
        for (int s = 0; s < snapshots.size(); s++) {
            Mlp offset = combine(snapshots.get(s), centre, -1);
            double pu = dot(offset, u);
            double pv = dot(offset, v);
            if (orthonormal) {
                xs[s] = pu;
                ys[s] = pv;
            } else {
                // Least squares: the point of the plane nearest to the snapshot (the directions are not orthogonal).
                xs[s] = (vv * pu - uv * pv) / det;
                ys[s] = (uu * pv - uv * pu) / det;
            }
        }
        return new DescentPath(label, xs, ys, false);
    }

    /** The path's bounding box with a quarter of margin on each side, always containing the centre. */
    private static double[] window(DescentPath path) {
        double xMin = 0;
        double xMax = 0;
        double yMin = 0;
        double yMax = 0;
        for (int i = 0; i < path.size(); i++) {
            xMin = Math.min(xMin, path.xs()[i]);
            xMax = Math.max(xMax, path.xs()[i]);
            yMin = Math.min(yMin, path.ys()[i]);
            yMax = Math.max(yMax, path.ys()[i]);
        }
        double w = Math.max(xMax - xMin, 1e-6);
        double h = Math.max(yMax - yMin, w * 0.25);
        return new double[] {xMin - w / 4, xMax + w / 4, yMin - h / 4, yMax + h / 4};
    }

    private static Mlp combine(Mlp a, Mlp b, double bScale) {
        Mlp r = a.copy();
        addScaled(r, b, bScale);
        return r;
    }

    private static void addScaled(Mlp target, Mlp x, double s) {
        float[][] t = target.parameterBlocks();
        float[][] v = x.parameterBlocks();
        for (int k = 0; k < t.length; k++) {
            for (int i = 0; i < t[k].length; i++) {
                t[k][i] = (float) (t[k][i] + s * v[k][i]);
            }
        }
    }

    private static void scale(Mlp target, double s) {
        for (float[] block : target.parameterBlocks()) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (float) (block[i] * s);
            }
        }
    }

    static double dot(Mlp a, Mlp b) {
        float[][] x = a.parameterBlocks();
        float[][] y = b.parameterBlocks();
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            for (int i = 0; i < x[k].length; i++) {
                sum += (double) x[k][i] * y[k][i];
            }
        }
        return sum;
    }

    private static double squaredDistance(Mlp a, Mlp b) {
        Mlp d = combine(a, b, -1);
        return dot(d, d);
    }

    private static double dotArrays(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

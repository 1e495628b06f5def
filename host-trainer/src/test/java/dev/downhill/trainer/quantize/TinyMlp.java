package dev.downhill.trainer.quantize;

import java.util.Random;

/** A seeded double-precision MLP implementing {@link FloatNetwork}, for quantiser tests. */
final class TinyMlp implements FloatNetwork {

    final double[][][] weights;
    final double[][] biases;
    final double[] means;
    final double[] deviations;
    final boolean softmax;

    TinyMlp(long seed, boolean softmax, int... sizes) {
        Random r = new Random(seed);
        int layers = sizes.length - 1;
        weights = new double[layers][][];
        biases = new double[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new double[sizes[l + 1]][sizes[l]];
            biases[l] = new double[sizes[l + 1]];
            for (int o = 0; o < sizes[l + 1]; o++) {
                for (int i = 0; i < sizes[l]; i++) {
                    weights[l][o][i] = r.nextGaussian() * Math.sqrt(2.0 / sizes[l]);
                }
                biases[l][o] = r.nextGaussian() * 0.1;
            }
        }
        means = new double[sizes[0]];
        deviations = new double[sizes[0]];
        for (int f = 0; f < sizes[0]; f++) {
            means[f] = 8 * r.nextDouble();
            deviations[f] = 1 + 4 * r.nextDouble();
        }
        this.softmax = softmax;
    }

    @Override
    public int layerCount() {
        return weights.length;
    }

    @Override
    public double[][] weights(int l) {
        return weights[l];
    }

    @Override
    public double[] bias(int l) {
        return biases[l];
    }

    @Override
    public FusedActivation activation(int l) {
        return l == weights.length - 1 ? FusedActivation.NONE : FusedActivation.RELU;
    }

    @Override
    public boolean softmaxOutput() {
        return softmax;
    }

    @Override
    public double[] featureMeans() {
        return means;
    }

    @Override
    public double[] featureDeviations() {
        return deviations;
    }

    @Override
    public double[][] activations(double[] rawRow) {
        double[][] out = new double[weights.length + 1][];
        out[0] = new double[rawRow.length];
        for (int f = 0; f < rawRow.length; f++) {
            out[0][f] = (rawRow[f] - means[f]) / deviations[f];
        }
        for (int l = 0; l < weights.length; l++) {
            double[] x = out[l];
            double[] y = new double[weights[l].length];
            for (int o = 0; o < y.length; o++) {
                double s = biases[l][o];
                for (int i = 0; i < x.length; i++) {
                    s += weights[l][o][i] * x[i];
                }
                y[o] = activation(l) == FusedActivation.RELU ? Math.max(0, s) : s;
            }
            out[l + 1] = y;
        }
        return out;
    }

    /** Seeded raw rows of integers 0..16, like the digits pixels. */
    static java.util.List<double[]> rows(long seed, int count, int features) {
        Random r = new Random(seed);
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] row = new double[features];
            for (int f = 0; f < features; f++) {
                row[f] = r.nextInt(17);
            }
            rows.add(row);
        }
        return rows;
    }
}

package dev.downhill.conformance.agreement;

import dev.downhill.runtime.Model;
import dev.downhill.trainer.quantize.DhmEncoder;
import dev.downhill.trainer.quantize.FloatNetwork;
import dev.downhill.trainer.quantize.FusedActivation;
import dev.downhill.trainer.quantize.MinMaxCalibrator;
import dev.downhill.trainer.quantize.PostTrainingQuantizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The digits model the adaptation targets are measured on: a 64-32-16-10 ReLU MLP trained here with seeded SGD
 * (per-feature standardisation, deviation floor {@link #DEVIATION_FLOOR}) and quantised by host-trainer's
 * {@link PostTrainingQuantizer} (min/max calibration on the training rows, input stage folded). Built once per
 * JVM; deterministic.
 *
 * <p>Data: {@code golden/downhill/adaptation-digits-*.csv} (see the README there). Stream: test rows 0..199;
 * evaluation: test rows 200..359.
 */
final class AdaptationDigitsFixture {

    /** Per-feature standardisation floor (raw pixel units), as {@code downhill train --standardize per-feature}. */
    static final double DEVIATION_FLOOR = 0.1;
    static final int STREAM_ROWS = 200;
    private static final int[] SIZES = {64, 32, 16, 10};
    private static final int EPOCHS = 30;
    private static final double LEARNING_RATE = 0.002;
    private static final long SEED = 42;

    static final int[][] TRAIN_X;
    static final int[] TRAIN_Y;
    static final int[][] TEST_X;
    static final int[] TEST_Y;
    static final byte[] BLOB;
    static final Model MODEL;

    static {
        int[][][] train = new int[1][][];
        int[][] trainY = new int[1][];
        read("adaptation-digits-train.csv", train, trainY);
        TRAIN_X = train[0];
        TRAIN_Y = trainY[0];
        int[][][] test = new int[1][][];
        int[][] testY = new int[1][];
        read("adaptation-digits-test.csv", test, testY);
        TEST_X = test[0];
        TEST_Y = testY[0];
        Mlp mlp = new Mlp();
        mlp.train();
        List<double[]> calibration = new ArrayList<>();
        for (int[] x : TRAIN_X) {
            calibration.add(toDouble(x));
        }
        BLOB = DhmEncoder.encode(new PostTrainingQuantizer(MinMaxCalibrator::new).quantize(mlp, calibration, true), null);
        MODEL = Model.load(BLOB);
    }

    private AdaptationDigitsFixture() {
    }

    static double[] toDouble(int[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    private static void read(String name, int[][][] xs, int[][] ys) {
        String path = "/golden/downhill/" + name;
        try (InputStream in = AdaptationDigitsFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            r.readLine();
            List<int[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                int[] x = new int[64];
                for (int i = 0; i < 64; i++) {
                    x[i] = Integer.parseInt(f[i]);
                }
                rows.add(x);
                labels.add(Integer.parseInt(f[64]));
            }
            xs[0] = rows.toArray(new int[0][]);
            ys[0] = labels.stream().mapToInt(Integer::intValue).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain float MLP with SGD + momentum, only as good as needed to give the targets a realistic model. */
    private static final class Mlp implements FloatNetwork {
        final double[][][] w = new double[3][][];
        final double[][] b = new double[3][];
        final double[] mean = new double[64];
        final double[] deviation = new double[64];

        Mlp() {
            Random r = new Random(SEED);
            for (int l = 0; l < 3; l++) {
                w[l] = new double[SIZES[l + 1]][SIZES[l]];
                b[l] = new double[SIZES[l + 1]];
                double scale = StrictMath.sqrt(2.0 / SIZES[l]);
                for (double[] row : w[l]) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = r.nextGaussian() * scale;
                    }
                }
            }
            for (int f = 0; f < 64; f++) {
                double s = 0;
                double s2 = 0;
                for (int[] x : TRAIN_X) {
                    s += x[f];
                    s2 += (double) x[f] * x[f];
                }
                double m = s / TRAIN_X.length;
                mean[f] = m;
                double sd = Math.sqrt(Math.max(0, s2 / TRAIN_X.length - m * m));
                double d = Math.max(sd, DEVIATION_FLOOR);
                deviation[f] = d == 0 ? 1 : d;
            }
        }

        void train() {
            Random r = new Random(SEED + 1);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < TRAIN_X.length; i++) {
                order.add(i);
            }
            double[][][] vw = new double[3][][];
            double[][] vb = new double[3][];
            for (int l = 0; l < 3; l++) {
                vw[l] = new double[SIZES[l + 1]][SIZES[l]];
                vb[l] = new double[SIZES[l + 1]];
            }
            double[][] d = new double[4][];
            for (int l = 0; l < 4; l++) {
                d[l] = new double[SIZES[l]];
            }
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                Collections.shuffle(order, r);
                for (int i : order) {
                    double[][] a = activations(toDouble(TRAIN_X[i]));
                    double[] z = a[3];
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : z) {
                        max = Math.max(max, v);
                    }
                    double sum = 0;
                    for (int k = 0; k < 10; k++) {
                        d[3][k] = StrictMath.exp(z[k] - max);   // StrictMath: the same bits on every JVM
                        sum += d[3][k];
                    }
                    for (int k = 0; k < 10; k++) {
                        d[3][k] = d[3][k] / sum - (k == TRAIN_Y[i] ? 1 : 0);
                    }
                    for (int l = 2; l >= 0; l--) {
                        for (int j = 0; j < SIZES[l]; j++) {
                            double s = 0;
                            for (int k = 0; k < SIZES[l + 1]; k++) {
                                s += w[l][k][j] * d[l + 1][k];
                            }
                            d[l][j] = l > 0 && a[l][j] <= 0 ? 0 : s;
                        }
                        for (int k = 0; k < SIZES[l + 1]; k++) {
                            vb[l][k] = 0.9 * vb[l][k] + d[l + 1][k];
                            b[l][k] -= LEARNING_RATE * vb[l][k];
                            for (int j = 0; j < SIZES[l]; j++) {
                                vw[l][k][j] = 0.9 * vw[l][k][j] + d[l + 1][k] * a[l][j] + 1e-4 * w[l][k][j];
                                w[l][k][j] -= LEARNING_RATE * vw[l][k][j];
                            }
                        }
                    }
                }
            }
        }

        @Override
        public int layerCount() {
            return 3;
        }

        @Override
        public double[][] weights(int l) {
            return w[l];
        }

        @Override
        public double[] bias(int l) {
            return b[l];
        }

        @Override
        public FusedActivation activation(int l) {
            return l < 2 ? FusedActivation.RELU : FusedActivation.NONE;
        }

        @Override
        public boolean softmaxOutput() {
            return true;
        }

        @Override
        public double[] featureMeans() {
            return mean;
        }

        @Override
        public double[] featureDeviations() {
            return deviation;
        }

        @Override
        public double[][] activations(double[] raw) {
            double[][] a = new double[4][];
            a[0] = new double[64];
            for (int f = 0; f < 64; f++) {
                a[0][f] = (raw[f] - mean[f]) / deviation[f];
            }
            for (int l = 0; l < 3; l++) {
                a[l + 1] = new double[SIZES[l + 1]];
                for (int k = 0; k < SIZES[l + 1]; k++) {
                    double s = b[l][k];
                    for (int j = 0; j < SIZES[l]; j++) {
                        s += w[l][k][j] * a[l][j];
                    }
                    a[l + 1][k] = l < 2 ? Math.max(0, s) : s;
                }
            }
            return a;
        }
    }
}

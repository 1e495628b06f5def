package dev.downhill.trainer.train;

import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.DatasetReader;
import dev.downhill.trainer.data.Examples;
import dev.downhill.trainer.data.StandardizationMode;
import dev.downhill.trainer.data.Standardizer;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.data.Task;
import java.util.Random;

/** Small datasets for training tests (bundled iris; synthetic noise). */
final class TrainingFixtures {
    private TrainingFixtures() {
    }

    /** Bundled iris-train / iris-test, standardised per feature (iris columns are all cm, but differ in spread). */
    static Examples[] iris() {
        Dataset train = DatasetReader.forTraining(CsvTable.read(DataSource.of("bundled:iris-train")), "label",
                Task.CLASSIFY);
        Dataset test = DatasetReader.matching(CsvTable.read(DataSource.of("bundled:iris-test")), "label",
                Task.CLASSIFY, train.featureNames(), train.labels());
        Standardizer s = Standardizer.fit(train, StandardizationMode.PER_FEATURE, 0);
        return new Examples[] {Examples.of(train, s, TargetScaling.IDENTITY), Examples.of(test, s, TargetScaling.IDENTITY)};
    }

    /** Inputs and labels drawn independently: nothing to learn, so a big network can only memorise. */
    static Examples noise(int rows, int width, int classes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = r.nextInt(classes);
        }
        return Examples.classification(x, width, y, classes);
    }
}

package dev.downhill.trainer.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.downhill.trainer.data.CsvTable;
import dev.downhill.trainer.data.DataSource;
import dev.downhill.trainer.data.Dataset;
import dev.downhill.trainer.data.DatasetReader;
import dev.downhill.trainer.data.StandardizationMode;
import dev.downhill.trainer.data.Standardizer;
import dev.downhill.trainer.data.TargetScaling;
import dev.downhill.trainer.data.Task;
import dev.downhill.trainer.model.FloatModel;
import dev.downhill.trainer.nn.HeInitializer;
import dev.downhill.trainer.nn.Mlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuantizationAwareTrainingTest {

    private static final Dataset IRIS = DatasetReader.forTraining(CsvTable.read(DataSource.of("bundled:iris-train")),
            "label", Task.CLASSIFY);

    private static FloatModel untrained() {
        Mlp mlp = Mlp.of(4, new int[] {8}, IRIS.labels().classCount());
        HeInitializer.initialize(mlp, 5);
        return new FloatModel(Task.CLASSIFY, IRIS.featureNames(), "label", IRIS.labels(),
                Standardizer.fit(IRIS, StandardizationMode.PER_FEATURE, 0), TargetScaling.IDENTITY, mlp, Map.of("seed", 5));
    }

    private static List<double[]> rows() {
        List<double[]> rows = new ArrayList<>();
        for (int r = 0; r < IRIS.size(); r++) {
            double[] row = new double[4];
            for (int f = 0; f < 4; f++) {
                row[f] = IRIS.feature(r, f);
            }
            rows.add(row);
        }
        return rows;
    }

    private static float[] flat(Mlp m) {
        float[][] blocks = m.parameterBlocks();
        int n = 0;
        for (float[] b : blocks) {
            n += b.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] b : blocks) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    @Test
    void fineTuningLowersTheInt8LossDeterministicallyAndLeavesTheInputAlone() {
        FloatModel model = untrained();
        float[] before = flat(model.network());
        QuantizedNetwork calibrated = new PostTrainingQuantizer(MinMaxCalibrator::new)
                .quantize(new TrainerFloatNetwork(model), rows(), false);

        FloatModel a = QuantizationAwareTraining.fineTune(model, calibrated, IRIS, 30, 7);
        FloatModel b = QuantizationAwareTraining.fineTune(model, calibrated, IRIS, 30, 7);

        assertThat(flat(model.network())).isEqualTo(before);
        assertThat(flat(a.network())).isEqualTo(flat(b.network())).isNotEqualTo(before);
        assertThat(a.provenance()).containsEntry("qatEpochs", 30).containsEntry("seed", 5);
        // Training (even at QAT's small rate) on the data must beat the random initialisation.
        assertThat(accuracy(a)).isGreaterThan(accuracy(model));
    }

    private static double accuracy(FloatModel m) {
        int correct = 0;
        List<double[]> rows = rows();
        for (int r = 0; r < rows.size(); r++) {
            correct += m.predictClass(rows.get(r)) == IRIS.classOf(r) ? 1 : 0;
        }
        return (double) correct / rows.size();
    }
}

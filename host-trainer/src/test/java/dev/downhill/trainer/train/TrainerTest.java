package dev.downhill.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.downhill.trainer.data.Examples;
import dev.downhill.trainer.nn.Mlp;
import dev.downhill.trainer.optim.OptimizerKind;
import dev.downhill.trainer.schedule.ScheduleSpec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final Examples[] IRIS = TrainingFixtures.iris();

    private static TrainingConfig.Builder small() {
        return TrainingConfig.builder().hidden(8).epochs(30).batchSize(16).learningRate(0.02).seed(3);
    }

    @Test
    void learnsIris() {
        TrainingResult r = new Trainer(small().build()).train(IRIS[0], IRIS[1], TrainingListener.NONE);
        EpochRecord last = r.log().records().get(29);
        assertThat(last.validationMetric()).isGreaterThanOrEqualTo(0.9);
        assertThat(last.trainLoss()).isLessThan(r.log().records().get(0).trainLoss() / 3);
        assertThat(r.examplesSeen()).isEqualTo(30L * 120);
    }

    @Test
    void sameSeedGivesBitIdenticalLossCurveAndModel() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            TrainingConfig c = small().optimizer(kind).learningRate(kind == OptimizerKind.SGD ? 0.1 : 0.02)
                    .clipNorm(5).schedule(new ScheduleSpec(ScheduleSpec.Kind.WARMUP_COSINE, 1, 1, 2, 0)).build();
            TrainingResult a = new Trainer(c).train(IRIS[0], IRIS[1], TrainingListener.NONE);
            TrainingResult b = new Trainer(c).train(IRIS[0], IRIS[1], TrainingListener.NONE);
            assertThat(curve(a)).as(kind.id()).isEqualTo(curve(b));
            assertThat(parameters(a.network())).as(kind.id()).isEqualTo(parameters(b.network()));
        }
    }

    @Test
    void differentSeedGivesADifferentRun() {
        TrainingResult a = new Trainer(small().build()).train(IRIS[0], IRIS[1], TrainingListener.NONE);
        TrainingResult b = new Trainer(small().seed(4).build()).train(IRIS[0], IRIS[1], TrainingListener.NONE);
        assertThat(curve(a)).isNotEqualTo(curve(b));
    }

    @Test
    void logRecordsTheScheduledRateOfEachEpoch() {
        TrainingConfig c = small().epochs(4).schedule(new ScheduleSpec(ScheduleSpec.Kind.STEP, 2, 0.5, 0, 0)).build();
        List<EpochRecord> log = new Trainer(c).train(IRIS[0], null, TrainingListener.NONE).log().records();
        assertThat(log).extracting(EpochRecord::learningRate).containsExactly(0.02, 0.02, 0.01, 0.01);
        assertThat(log.get(0).hasValidation()).isFalse();
    }

    @Test
    void hugeLearningRateIsReportedAsDivergence() {
        TrainingConfig c = small().optimizer(OptimizerKind.SGD).learningRate(1e4).schedule(ScheduleSpec.constant())
                .build();
        assertThatThrownBy(() -> new Trainer(c).train(IRIS[0], IRIS[1], TrainingListener.NONE))
                .isInstanceOf(DivergenceException.class)
                .hasMessageContaining("training diverged in epoch 1")
                .hasMessageContaining("with learning rate 10000; try a smaller one, e.g. --lr 1000");
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        // Labels are noise: the training loss falls (memorising) while the validation loss soon rises.
        Examples train = TrainingFixtures.noise(64, 6, 3, 1);
        Examples validation = TrainingFixtures.noise(64, 6, 3, 2);
        TrainingConfig c = TrainingConfig.builder().hidden(64, 64).epochs(200).batchSize(8).learningRate(0.01)
                .schedule(ScheduleSpec.constant()).patience(5).seed(1).build();
        TrainingResult r = new Trainer(c).train(train, validation, TrainingListener.NONE);
        List<EpochRecord> log = r.log().records();
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(log.size()).isLessThan(200).isEqualTo(r.bestEpoch() + 5);
        double best = log.stream().mapToDouble(EpochRecord::validationLoss).min().orElseThrow();
        assertThat(log.get(r.bestEpoch() - 1).validationLoss()).isEqualTo(best);
        // The returned network really is the best epoch's: recompute its validation loss.
        ValidationMetrics m = ValidationMetrics.compute(r.network(), validation,
                dev.downhill.trainer.nn.Loss.forExamples(validation),
                new dev.downhill.trainer.nn.BatchBuffers(r.network(), 8), 1);
        assertThat(m.loss()).isEqualTo(best);
    }

    @Test
    void earlyStoppingNeedsValidationData() {
        assertThatThrownBy(() -> new Trainer(small().patience(3).build()).train(IRIS[0], null, TrainingListener.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void learnsASineForRegression() {
        // TFLite Micro's hello_world: y = sin(x) for x in [0, 2 pi].
        Random r = new Random(1);
        int n = 400;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double v = r.nextDouble() * 2 * Math.PI;
            x[i] = (float) ((v - Math.PI) / 1.8);
            y[i] = (float) Math.sin(v);
        }
        Examples ex = Examples.regression(x, 1, y);
        TrainingConfig c = TrainingConfig.builder().hidden(16, 16).epochs(150).batchSize(16).learningRate(0.01)
                .seed(2).build();
        TrainingResult result = new Trainer(c).train(ex, ex, TrainingListener.NONE);
        assertThat(result.log().records().get(149).validationMetric()).isLessThan(0.1);
    }

    private static String curve(TrainingResult r) {
        StringBuilder sb = new StringBuilder();
        for (EpochRecord e : r.log().records()) {
            sb.append(Double.doubleToRawLongBits(e.trainLoss())).append(',')
                    .append(Double.doubleToRawLongBits(e.validationLoss())).append(';');
        }
        return sb.toString();
    }

    private static String parameters(Mlp m) {
        StringBuilder sb = new StringBuilder();
        for (float[] block : m.parameterBlocks()) {
            for (float v : block) {
                sb.append(Float.floatToRawIntBits(v)).append(',');
            }
        }
        return sb.toString();
    }
}

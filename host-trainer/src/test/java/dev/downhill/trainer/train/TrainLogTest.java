package dev.downhill.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainLogTest {
    @Test
    void csvHasOneLinePerEpochAndEmptyCellsWithoutValidation() {
        TrainLog log = new TrainLog(true);
        log.add(new EpochRecord(1, 0.01, 1.5, 1.25, 0.5, 0.123456));
        log.add(new EpochRecord(2, 0.005, 0.75, Double.NaN, Double.NaN, 0.1));
        assertThat(log.toCsv()).isEqualTo("epoch,learning_rate,train_loss,val_loss,val_accuracy,seconds\n"
                + "1,0.01,1.5,1.25,0.5,0.1235\n"
                + "2,0.005,0.75,,,0.1000\n");
        assertThat(new TrainLog(false).metricName()).isEqualTo("val_rmse");
    }
}

package dev.downhill.trainer.train;

import dev.downhill.trainer.io.AtomicFileWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The per-epoch history of a run, written as {@code train-log.csv}:
 * {@code epoch,learning_rate,train_loss,val_loss,val_accuracy|val_rmse,seconds}. Numbers are written with
 * {@link Double#toString} so they read back exactly; missing validation values are empty cells.
 */
public final class TrainLog {
    private final boolean classification;
    private final List<EpochRecord> records = new ArrayList<>();

    public TrainLog(boolean classification) {
        this.classification = classification;
    }

    public void add(EpochRecord record) {
        records.add(record);
    }

    public List<EpochRecord> records() {
        return Collections.unmodifiableList(records);
    }

    public boolean isClassification() {
        return classification;
    }

    /** Name of the metric column: {@code val_accuracy} or {@code val_rmse}. */
    public String metricName() {
        return classification ? "val_accuracy" : "val_rmse";
    }

    /** The CSV text. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        sb.append("epoch,learning_rate,train_loss,val_loss,").append(metricName()).append(",seconds\n");
        for (EpochRecord r : records) {
            sb.append(r.epoch()).append(',')
                    .append(r.learningRate()).append(',')
                    .append(r.trainLoss()).append(',')
                    .append(cell(r.validationLoss())).append(',')
                    .append(cell(r.validationMetric())).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.4f", r.seconds())).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv()} atomically. */
    public void writeCsv(Path file) {
        AtomicFileWriter.write(file, toCsv());
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}

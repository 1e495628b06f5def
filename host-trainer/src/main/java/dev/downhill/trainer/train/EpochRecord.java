package dev.downhill.trainer.train;

/**
 * One line of the training log.
 *
 * @param epoch            1-based
 * @param learningRate     the rate at the epoch's first step
 * @param trainLoss        mean of the epoch's mini-batch losses (weights move during the epoch)
 * @param validationLoss   loss on the validation data after the epoch, NaN without validation data
 * @param validationMetric accuracy in [0, 1] (classification) or RMSE in target units (regression); NaN
 *                         without validation data
 * @param seconds          wall time of the epoch including validation
 */
public record EpochRecord(int epoch, double learningRate, double trainLoss, double validationLoss,
                          double validationMetric, double seconds) {
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}

package dev.downhill.trainer.check;

/**
 * The limits a model is held to. A null budget means "not given": the figure is reported and the check is
 * skipped, because no default suits every board.
 *
 * @param ramBudget bytes of RAM the board gives the model (interpreter, plus the adapter when
 *     {@code adaptation} is on), or null
 * @param flashBudget bytes of flash the board gives the model blob, or null
 * @param maxAccuracyDropPoints classifiers: float accuracy minus int8 accuracy, in percentage points
 * @param maxRmseIncrease regressors: how much the int8 RMSE may exceed the float RMSE
 * @param minAgreementPercent share of samples on which int8 and float predict the same, in percent, or null
 *     for no limit (the figure is still reported with the accuracy check)
 * @param adaptation whether the board adapts on-device: counts the adapter's RAM and checks that an
 *     adaptation step allocates nothing
 */
public record CheckLimits(Long ramBudget, Long flashBudget, double maxAccuracyDropPoints, RmseLimit maxRmseIncrease,
        Double minAgreementPercent, boolean adaptation) {

    /** {@code downhill check}'s defaults: drop at most 0.5 points, RMSE at most 5% worse, adaptation on. */
    public static final double DEFAULT_MAX_ACCURACY_DROP = 0.5;
    public static final String DEFAULT_MAX_RMSE_INCREASE = "5%";

    public CheckLimits {
        if (!(maxAccuracyDropPoints >= 0) || maxAccuracyDropPoints > 100) {
            throw new IllegalArgumentException("the accuracy drop limit must be in 0..100 points, got "
                    + maxAccuracyDropPoints);
        }
        if (minAgreementPercent != null && !(minAgreementPercent >= 0 && minAgreementPercent <= 100)) {
            throw new IllegalArgumentException("the agreement limit must be in 0..100 percent, got " + minAgreementPercent);
        }
    }

    /** The defaults, with no budgets. */
    public static CheckLimits defaults() {
        return new CheckLimits(null, null, DEFAULT_MAX_ACCURACY_DROP, RmseLimit.parse(DEFAULT_MAX_RMSE_INCREASE), null,
                true);
    }

    public CheckLimits withRamBudget(Long bytes) {
        return new CheckLimits(bytes, flashBudget, maxAccuracyDropPoints, maxRmseIncrease, minAgreementPercent, adaptation);
    }

    public CheckLimits withFlashBudget(Long bytes) {
        return new CheckLimits(ramBudget, bytes, maxAccuracyDropPoints, maxRmseIncrease, minAgreementPercent, adaptation);
    }

    public CheckLimits withMaxAccuracyDrop(double points) {
        return new CheckLimits(ramBudget, flashBudget, points, maxRmseIncrease, minAgreementPercent, adaptation);
    }

    public CheckLimits withMaxRmseIncrease(RmseLimit limit) {
        return new CheckLimits(ramBudget, flashBudget, maxAccuracyDropPoints, limit, minAgreementPercent, adaptation);
    }

    public CheckLimits withMinAgreement(Double percent) {
        return new CheckLimits(ramBudget, flashBudget, maxAccuracyDropPoints, maxRmseIncrease, percent, adaptation);
    }

    public CheckLimits withAdaptation(boolean on) {
        return new CheckLimits(ramBudget, flashBudget, maxAccuracyDropPoints, maxRmseIncrease, minAgreementPercent, on);
    }
}

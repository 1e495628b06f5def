package dev.downhill.trainer.train;

/**
 * Early stopping on validation loss: remembers the best epoch and says when {@code patience} epochs in a row
 * brought no improvement. The caller keeps a copy of the weights whenever {@link #update} returns true and
 * restores it at the end, so the model returned is the best one seen, not the last.
 */
public final class EarlyStopping {
    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int epochsWithoutImprovement;

    /** @param patience epochs without improvement before stopping, >= 1 */
    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        this.patience = patience;
    }

    /** Records an epoch's validation loss; true when it is a new best (strictly lower). */
    public boolean update(int epoch, double validationLoss) {
        if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            return true;
        }
        epochsWithoutImprovement++;
        return false;
    }

    /** True once {@code patience} epochs in a row have not improved on the best. */
    public boolean shouldStop() {
        return epochsWithoutImprovement >= patience;
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestLoss() {
        return bestLoss;
    }
}

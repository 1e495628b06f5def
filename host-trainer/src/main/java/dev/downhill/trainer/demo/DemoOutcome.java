package dev.downhill.trainer.demo;

import java.util.List;

/**
 * The numbers one {@code downhill demo} run produced, for {@code report.md} and the closing table.
 *
 * @param architecture layer widths, e.g. "64-32-16-10"
 * @param trainRows training examples
 * @param epochs epochs trained
 * @param finalTrainLoss cross-entropy on the training data after the last epoch
 * @param finalValidationLoss cross-entropy on the validation data after the last epoch
 * @param floatTestAccuracy float model accuracy on the clean test split, as a fraction
 * @param int8TestAccuracy int8 model accuracy on the clean test split, as a fraction
 * @param modelBytes size of the {@code .dhm}
 * @param drifts the board scenarios, all with the same model; the first is the main one (the {@code --drift}
 *     the user chose, drawn in {@code frozen-vs-adaptive.png}), then the other drifts
 * @param seconds wall-clock time of the whole run
 */
public record DemoOutcome(String architecture, int trainRows, int epochs, double finalTrainLoss, double finalValidationLoss,
        double floatTestAccuracy, double int8TestAccuracy, int modelBytes, List<DriftRun> drifts, double seconds) {

    /** Checks there is a main scenario and freezes the list. */
    public DemoOutcome {
        if (drifts.isEmpty()) {
            throw new IllegalArgumentException("a demo outcome needs at least one drift scenario");
        }
        drifts = List.copyOf(drifts);
    }

    /** The main scenario: the drift the user chose. */
    public DriftRun main() {
        return drifts.get(0);
    }

    /**
     * The picture of scenario {@code index}: {@code frozen-vs-adaptive.png} for the main one (index 0),
     * {@code frozen-vs-adaptive-<drift>.png} for the others.
     */
    public static String picture(int index, DriftRun run) {
        return index == 0 ? "frozen-vs-adaptive.png" : "frozen-vs-adaptive-" + run.name() + ".png";
    }

    /** The board's serial log of scenario {@code index}: {@code board.log}, then {@code board-<drift>.log}. */
    public static String boardLog(int index, DriftRun run) {
        return index == 0 ? "board.log" : "board-" + run.name() + ".log";
    }
}

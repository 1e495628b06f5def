package dev.downhill.trainer.demo;

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
 * @param boardRamBytes RAM the board's runtime objects hold (two interpreters and the adapter)
 * @param drift the drift's name and parameters, e.g. "gain-offset (gain 0.8, offset +1)"
 * @param scenario the per-sample outcomes on the drifting stream
 * @param labelEvery a labelled sample every this many samples
 * @param stepsKept adaptation steps applied and kept (all boots)
 * @param stepsRolledBack adaptation steps rolled back by the loss check (all boots)
 * @param labelsSkipped labels skipped as contradicting a confident prediction (all boots)
 * @param monitorResets returns to the factory parameters by the agreement monitor (all boots)
 * @param restoredSteps adaptation steps the board found in its store after the simulated reboot
 * @param microsPerInference mean time of one int8 inference on this host, in microseconds
 * @param microsPerStep mean time of one adaptation step on this host, in microseconds
 * @param seconds wall-clock time of the whole run
 */
public record DemoOutcome(String architecture, int trainRows, int epochs, double finalTrainLoss, double finalValidationLoss,
        double floatTestAccuracy, double int8TestAccuracy, int modelBytes, int boardRamBytes, String drift,
        ScenarioTrace scenario, int labelEvery, int stepsKept, int stepsRolledBack, int labelsSkipped,
        int monitorResets, int restoredSteps, double microsPerInference, double microsPerStep, double seconds) {

    /** Accuracy of {@code model} on the clean samples before the drift. */
    public double beforeDrift(int model) {
        return scenario.accuracy(model, 0, scenario.driftAt());
    }

    /** Accuracy of {@code model} on every drifted sample. */
    public double afterDrift(int model) {
        return scenario.accuracy(model, scenario.driftAt(), scenario.size());
    }

    /**
     * Accuracy of {@code model} on the last quarter of the drifted samples, once adaptation had time to
     * act: the number that says whether adaptation helped.
     */
    public double settled(int model) {
        int drifted = scenario.size() - scenario.driftAt();
        return scenario.accuracy(model, scenario.size() - Math.max(1, drifted / 4), scenario.size());
    }
}

package dev.downhill.trainer.demo;

import dev.downhill.demo.BoardOptions;

/**
 * Test fixture: drift scenarios with chosen accuracies, for exact checks of the report and the verdicts.
 * 100 clean samples, then 400 drifted ones; the last quarter of the drift is samples 400..499. A model with
 * accuracy {@code p} percent gets sample {@code i} right when {@code i % 100 < p}, so every block of 100
 * samples, and so every range the report uses, has exactly that accuracy.
 */
final class SyntheticRuns {

    static final int DRIFT_AT = 100;
    static final int SIZE = 500;

    private SyntheticRuns() {
    }

    /**
     * @param drift the drift's name, as {@code --drift} takes it
     * @param clean accuracy of all three models before the drift, in percent
     * @param frozen the frozen model's accuracy after the drift
     * @param adaptiveEarly the adaptive model's accuracy in the first three quarters of the drift
     * @param adaptiveLate the adaptive model's accuracy in the last quarter
     * @param floatLate the float reference's accuracy after the drift
     */
    static DriftRun run(String drift, int clean, int frozen, int adaptiveEarly, int adaptiveLate, int floatLate) {
        ScenarioTrace t = new ScenarioTrace(DRIFT_AT, 300);
        for (int i = 0; i < SIZE; i++) {
            int block = i % 100;
            boolean before = i < DRIFT_AT;
            t.record(block < (before ? clean : frozen), block < (before ? clean : i < 400 ? adaptiveEarly : adaptiveLate),
                    block < (before ? clean : floatLate));
        }
        BoardOptions options = BoardOptions.parse(new String[] {"--drift", drift, "--gain-permille", "750", "--offset",
            "2"});
        return new DriftRun(options, new DemoScenario.Result(t, 20, 3, 1, 0, 12, 5000, 41.5, 250.25));
    }
}

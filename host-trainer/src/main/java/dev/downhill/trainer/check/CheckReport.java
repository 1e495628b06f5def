package dev.downhill.trainer.check;

import java.util.List;

/**
 * Every check run over one model, in order, with what they ran on.
 *
 * @param modelName the {@code .dhm}'s file name
 * @param modelSha256 lowercase hex SHA-256 of the {@code .dhm}
 * @param description one line about the model, e.g. {@code "classifier, 64 inputs, 10 classes"}
 * @param dataName the labelled data's name
 * @param samples the number of labelled samples
 * @param results the checks, in the order they ran
 * @param timestamp when the run started, ISO-8601 UTC
 */
public record CheckReport(String modelName, String modelSha256, String description, String dataName, int samples,
        List<CheckResult> results, String timestamp) {

    public CheckReport {
        results = List.copyOf(results);
    }

    /** Whether every check held (skipped checks do not fail the gate). */
    public boolean passed() {
        return failures().isEmpty();
    }

    /** The failing checks. */
    public List<CheckResult> failures() {
        return results.stream().filter(CheckResult::failed).toList();
    }

    /** The number of checks with {@code status}. */
    public long count(CheckResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** Total wall time of the checks, in seconds. */
    public double seconds() {
        return results.stream().mapToDouble(CheckResult::seconds).sum();
    }

    /**
     * The final line: {@code "check passed: 7 checks, 6 passed, 1 skipped"} or
     * {@code "check FAILED: 2 of 7 checks failed (ram, golden)"}.
     */
    public String summary() {
        int n = results.size();
        long skipped = count(CheckResult.Status.SKIPPED);
        if (passed()) {
            return "check passed: " + modelName + ", " + n + " checks, " + (n - skipped) + " passed, " + skipped
                    + " skipped";
        }
        List<String> ids = failures().stream().map(CheckResult::id).toList();
        return "check FAILED: " + modelName + ", " + ids.size() + " of " + n + " checks failed ("
                + String.join(", ", ids) + ")";
    }
}

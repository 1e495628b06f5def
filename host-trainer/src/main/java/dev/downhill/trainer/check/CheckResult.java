package dev.downhill.trainer.check;

/**
 * The outcome of one check: what it measured, the limit it was held to, and whether the figure is within it.
 *
 * @param id stable identifier, used in messages and as the JUnit test-case name (e.g. {@code ram})
 * @param title what was checked, for people (e.g. {@code "RAM on the board"})
 * @param status pass, fail, or skipped (not applicable, or not asked for; {@code figure} then says why)
 * @param figure the measured value with its unit, e.g. {@code "18432 B"}
 * @param limit the limit with its comparison, e.g. {@code "<= 16384 B (16k)"}; empty when there is none
 * @param detail supporting figures (breakdowns, samples counted); may be empty
 * @param seconds wall time the check took
 */
public record CheckResult(String id, String title, Status status, String figure, String limit, String detail,
        double seconds) {

    /** Whether a check held. */
    public enum Status {
        PASS, FAIL, SKIPPED
    }

    /** A passing or failing result, by {@code pass}. */
    static CheckResult of(String id, String title, boolean pass, String figure, String limit, String detail) {
        return new CheckResult(id, title, pass ? Status.PASS : Status.FAIL, figure, limit, detail, 0);
    }

    /** A check that did not run; {@code why} says why. */
    static CheckResult skipped(String id, String title, String why) {
        return new CheckResult(id, title, Status.SKIPPED, why, "", "", 0);
    }

    /** The same result with its duration set. */
    CheckResult took(double s) {
        return new CheckResult(id, title, status, figure, limit, detail, s);
    }

    /** Whether the check failed. */
    public boolean failed() {
        return status == Status.FAIL;
    }

    /**
     * One console line: {@code FAIL ram: 18432 B, limit <= 16384 B (16k) [interpreter ... + adapter ...]}.
     * A failing line always carries the figure and the limit.
     */
    public String line() {
        StringBuilder s = new StringBuilder();
        s.append(switch (status) {
            case PASS -> "pass ";
            case FAIL -> "FAIL ";
            case SKIPPED -> "skip ";
        });
        s.append(id).append(": ").append(figure);
        if (!limit.isEmpty()) {
            s.append(", limit ").append(limit);
        }
        if (!detail.isEmpty()) {
            s.append(" [").append(detail).append(']');
        }
        return s.toString();
    }
}

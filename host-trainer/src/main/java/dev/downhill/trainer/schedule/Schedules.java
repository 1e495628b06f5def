package dev.downhill.trainer.schedule;

final class Schedules {
    private Schedules() {
    }

    static void requireRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + rate);
        }
    }
}

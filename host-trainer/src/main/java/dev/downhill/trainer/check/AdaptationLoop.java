package dev.downhill.trainer.check;

import dev.downhill.runtime.adapt.Adapter;

/**
 * The measured adaptation loop: one {@link Adapter} step per labelled sample, cycling through the samples
 * ({@code step} with the class for a classifier, {@code stepTowards} the int8 target for a regressor).
 */
final class AdaptationLoop implements AllocationProbe.Workload {

    private final Adapter adapter;
    private final RuntimeSamples samples;
    private final boolean classify;
    private int next;
    private int checksum;

    AdaptationLoop(Adapter adapter, RuntimeSamples samples) {
        this.adapter = adapter;
        this.samples = samples;
        this.classify = samples.classes != null;
    }

    @Override
    public void run(int iterations) {
        int features = samples.features;
        int acc = checksum;
        int s = next;
        for (int i = 0; i < iterations; i++) {
            int outcome = classify
                    ? adapter.step(samples.raw, s * features, samples.classes[s])
                    : adapter.stepTowards(samples.raw, s * features, samples.targets, s);
            acc = 31 * acc + outcome;
            s = s + 1 == samples.count ? 0 : s + 1;
        }
        next = s;
        checksum = acc;
    }

    int checksum() {
        return checksum;
    }
}

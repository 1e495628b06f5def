package dev.downhill.runtime;

import dev.downhill.runtime.memory.BufferPlan;

/**
 * The RAM an {@link Interpreter} computes in: one int8 array for all activation tensors and one int32 array for
 * all folded biases, each allocated exactly once, at the size the {@link BufferPlan} gives. Nothing else is
 * allocated afterwards.
 */
public final class Arena {

    final BufferPlan plan;
    final byte[] activations;
    final int[] foldedBias;

    /** Allocates the two arrays of {@code plan}. */
    public Arena(BufferPlan plan) {
        this.plan = plan;
        this.activations = new byte[plan.activationBytes()];
        this.foldedBias = new int[plan.biasInts()];
    }

    /** Payload bytes an arena for {@code plan} holds: {@code plan.totalBytes()}. */
    public static int requiredBytes(BufferPlan plan) {
        return plan.totalBytes();
    }

    /** The plan this arena was sized by. */
    public BufferPlan plan() {
        return plan;
    }
}

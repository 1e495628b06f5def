package dev.downhill.runtime.adapt;

import dev.downhill.runtime.Model;

import static org.junit.jupiter.api.Assertions.assertFalse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.Interpreter;
import dev.downhill.runtime.store.ByteArrayParameterStore;
import dev.downhill.runtime.store.DualSlotStore;
import dev.downhill.runtime.store.ParameterStoreException;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdapterTest {

    private static final TeacherModel TEACHER = new TeacherModel(7, 16, 12, 8, 4);
    private static final int[] ALL_SETS = {TrainableSet.DEFAULT, TrainableSet.INPUT_AFFINE, TrainableSet.BIASES,
        TrainableSet.LAST_LAYER, TrainableSet.LAST_LAYER | TrainableSet.BIASES, TrainableSet.INPUT_AFFINE
        | TrainableSet.BIASES | TrainableSet.LAST_LAYER};

    /** Gain drift on 0..16 raw values: the teacher loses two thirds of its accuracy. */
    private static int[] drift(int[] x) {
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (int) Math.max(0, Math.min(16, Math.round(0.5 * x[i])));
        }
        return y;
    }

    private static double accuracy(Interpreter in, boolean drifted) {
        Random r = new Random(1);
        int correct = 0;
        for (int i = 0; i < 2000; i++) {
            int[] x = TEACHER.sample(r);
            in.invoke(drifted ? drift(x) : x, 0);
            correct += in.argMax() == TEACHER.label(x) ? 1 : 0;
        }
        return correct / 2000.0;
    }

    private static Interpreter interpreter() {
        return new Interpreter(TEACHER.model, Interpreter.RETAIN_ACTIVATIONS);
    }

    private static void adapt(Adapter adapter, int samples, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < samples; i++) {
            int[] x = TEACHER.sample(r);
            adapter.step(drift(x), 0, TEACHER.label(x));
        }
    }

    /** The int8 outputs of a fixed batch of inputs, to compare parameter states bit-exactly. */
    private static byte[] outputs(Interpreter in) {
        Random r = new Random(3);
        byte[] out = new byte[50 * in.outputSize()];
        for (int i = 0; i < 50; i++) {
            in.invoke(drift(TEACHER.sample(r)), 0);
            in.copyOutput(out, i * in.outputSize());
        }
        return out;
    }

    @Test
    void everyTrainableSetRecoversPartOfTheAccuracyLostToDrift() {
        for (int set : ALL_SETS) {
            Interpreter in = interpreter();
            double clean = accuracy(in, false);
            double drifted = accuracy(in, true);
            Adapter adapter = new Adapter(in, new AdapterConfig().trainable(set).guards(Guards.NONE));
            adapt(adapter, 400, 2);
            double adapted = accuracy(in, true);
            assertTrue(clean - drifted > 0.5, "the drift must matter for this test: " + clean + " vs " + drifted);
            assertTrue(adapted > drifted + 0.25 * (clean - drifted),
                    TrainableSet.name(set) + ": clean " + clean + ", drifted " + drifted + ", adapted " + adapted);
            assertEquals(400, adapter.stepsTaken());
        }
    }

    @Test
    void momentumBatchesClippingAndReplayAlsoAdapt() {
        AdapterConfig[] configs = {
            new AdapterConfig().guards(Guards.NONE).momentum(FixedPointSchedule.ONE / 2)
                    .schedule(FixedPointSchedule.inverseTime(AdapterConfig.DEFAULT_RATE / 2, 50)),
            new AdapterConfig().guards(Guards.NONE).batchSize(4)
                    .schedule(FixedPointSchedule.constant(AdapterConfig.DEFAULT_RATE * 2)),
            new AdapterConfig().guards(Guards.NONE).clip(FixedPointSgd.GRADIENT_ONE / 4),
            new AdapterConfig().guards(Guards.NONE).replay(2).ringSize(8),
            new AdapterConfig().guards(Guards.LOSS_CHECK),
            new AdapterConfig().schedule(FixedPointSchedule.stepDecay(AdapterConfig.DEFAULT_RATE,
                    FixedPointSchedule.ONE / 2, 100)),
        };
        for (int c = 0; c < configs.length; c++) {
            Interpreter in = interpreter();
            double drifted = accuracy(in, true);
            Adapter adapter = new Adapter(in, configs[c]);
            adapt(adapter, 400, 2);
            double adapted = accuracy(in, true);
            assertTrue(adapted > drifted + 0.1, "config " + c + ": drifted " + drifted + ", adapted " + adapted);
        }
    }

    @Test
    void resetReturnsToTheFactoryOutputsBitExactly() {
        byte[] factory = outputs(interpreter());
        for (int set : ALL_SETS) {
            Interpreter in = interpreter();
            Adapter adapter = new Adapter(in, new AdapterConfig().trainable(set).guards(Guards.NONE));
            assertArrayEquals(factory, outputs(in), "RAM copies start at the factory values");
            adapt(adapter, 50, 4);
            assertNotEquals(java.util.Arrays.toString(factory), java.util.Arrays.toString(outputs(in)));
            adapter.reset();
            assertArrayEquals(factory, outputs(in), TrainableSet.name(set));
            assertEquals(0, adapter.stepsTaken());
        }
    }

    @Test
    void sameSamplesGiveTheSameParametersBitExactly() {
        Interpreter a = interpreter();
        Interpreter b = interpreter();
        adapt(new Adapter(a, new AdapterConfig()), 200, 9);
        adapt(new Adapter(b, new AdapterConfig()), 200, 9);
        assertArrayEquals(outputs(a), outputs(b));
    }

    /**
     * Classify, then learn: a step right after the application's own invoke on the same sample reuses that forward
     * pass (one invocation per sample instead of two) and ends in the same bits as a step that runs its own.
     */
    @Test
    void aStepAfterTheApplicationsOwnInvokeReusesItWithTheSameBits() {
        for (int set : ALL_SETS) {
            for (int guards : new int[] {Guards.NONE, Guards.DEFAULT, Guards.LOSS_CHECK}) {
                Interpreter classified = interpreter();
                Interpreter fresh = interpreter();
                AdapterConfig config = new AdapterConfig().trainable(set).guards(guards);
                Adapter reusing = new Adapter(classified, config);
                Adapter running = new Adapter(fresh, config);
                Random r = new Random(21);
                int reusingInvokes = 0;
                int runningInvokes = 0;
                for (int i = 0; i < 120; i++) {
                    int[] x = TEACHER.sample(r);
                    int[] drifted = drift(x);
                    int label = i % 7 == 0 ? (TEACHER.label(x) + 1) % 4 : TEACHER.label(x);  // some contradictions
                    classified.invoke(drifted, 0);
                    int before = classified.invocations();
                    int outcome = reusing.step(drifted, 0, label);
                    reusingInvokes += classified.invocations() - before;
                    before = fresh.invocations();
                    assertEquals(running.step(drifted, 0, label), outcome, "sample " + i);
                    runningInvokes += fresh.invocations() - before;
                }
                String what = TrainableSet.name(set) + ", guards " + guards;
                assertArrayEquals(outputs(fresh), outputs(classified), what);
                // the guards' own invokes (loss check, ring) are the same on both sides: the difference is the
                // forward pass of every step
                assertEquals(runningInvokes - 120, reusingInvokes, what + ": every step reused the application's pass");
            }
        }
    }

    /** No reuse when the arena holds another sample, or parameters changed after the invoke. */
    @Test
    void aStepRunsItsOwnForwardPassWhenTheArenaIsNotThisSamplesUnderTheseParameters() {
        Interpreter in = interpreter();
        Adapter adapter = new Adapter(in, new AdapterConfig().guards(Guards.NONE));
        Random r = new Random(5);
        int[] a = drift(TEACHER.sample(r));
        int[] b = drift(TEACHER.sample(r));
        in.invoke(b, 0);
        int before = in.invocations();
        adapter.step(a, 0, 1);
        assertEquals(before + 1, in.invocations(), "the arena held another sample");
        in.invoke(a, 0);
        adapter.reset();
        before = in.invocations();
        adapter.step(a, 0, 1);
        assertEquals(before + 1, in.invocations(), "reset changed the parameters after the invoke");
        before = in.invocations();
        adapter.step(a, 0, 2);
        assertEquals(before + 1, in.invocations(), "the previous step changed the parameters");
        in.invoke(a, 0);
        before = in.invocations();
        adapter.step(a, 0, 2);
        assertEquals(before, in.invocations(), "this sample, these parameters: reused");
    }

    @Test
    void stepAllocatesNothing() {
        Random r = new Random(11);
        int[][] xs = new int[64][];
        byte[][] int8 = new byte[64][TEACHER.sizes[0]];
        int[] labels = new int[64];
        for (int i = 0; i < xs.length; i++) {
            int[] x = TEACHER.sample(r);
            xs[i] = drift(x);
            labels[i] = TEACHER.label(x);
            TEACHER.model.inputStage().quantize(xs[i], 0, int8[i], 0);
        }
        byte[] store = new byte[4096];
        AdapterConfig[] configs = {new AdapterConfig(), new AdapterConfig().guards(Guards.LOSS_CHECK | Guards.DEFAULT)
                .replay(2).momentum(FixedPointSchedule.ONE / 2).batchSize(3).trainable(7)};
        for (AdapterConfig config : configs) {
            Adapter adapter = new Adapter(interpreter(), config);
            DualSlotStore slots = adapter.slotsOver(new ByteArrayParameterStore(store), 1);
            assertAllocatesNothing(() -> {
                for (int i = 0; i < xs.length; i++) {
                    adapter.step(xs[i], 0, labels[i]);
                }
                adapter.save(slots);
                adapter.restore(slots);
                adapter.reset();
            });
        }
        // the int8-input path, with the ring (it holds int8 tensors then)
        Adapter adapter = new Adapter(new Interpreter(Model.load(TEACHER.int8InputBlob), Interpreter.RETAIN_ACTIVATIONS),
                new AdapterConfig().trainable(TrainableSet.BIASES | TrainableSet.LAST_LAYER)
                        .guards(Guards.LOSS_CHECK | Guards.DEFAULT).replay(2));
        assertAllocatesNothing(() -> {
            for (int i = 0; i < int8.length; i++) {
                adapter.step(int8[i], 0, labels[i]);
            }
            adapter.reset();
        });
    }

    /**
     * Warms {@code round} up ten times, then measures it 20 times in a window. A code path that allocates does so in
     * every window; a one-off JVM event (a late compilation or deoptimisation, measured once at 328 bytes in one
     * step) does not. So: the cleanest of three windows must be 0.
     */
    private static void assertAllocatesNothing(Runnable round) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 10; warm++) {
            round.run();
        }
        long cleanest = Long.MAX_VALUE;
        for (int window = 0; window < 3 && cleanest != 0; window++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int n = 0; n < 20; n++) {
                round.run();
            }
            cleanest = Math.min(cleanest, threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
        }
        assertEquals(0, cleanest, "bytes allocated by 20 rounds of 64 steps (with saves, restores and resets)");
    }

    @Test
    void requiredBytesIsExactForEveryConfiguration() {
        int[] guardSets = {Guards.NONE, Guards.DEFAULT, Guards.LOSS_CHECK | Guards.DEFAULT};
        for (int set : ALL_SETS) {
            for (int guards : guardSets) {
                for (int momentum : new int[] {0, FixedPointSchedule.ONE / 2}) {
                    AdapterConfig c = new AdapterConfig().trainable(set).guards(guards).momentum(momentum)
                            .batchSize(momentum == 0 ? 1 : 4).replay(guards == Guards.NONE ? 1 : 0);
                    Adapter adapter = new Adapter(interpreter(), c);
                    assertEquals(Adapter.requiredBytes(TEACHER.model, c), adapter.memoryBytes(),
                            TrainableSet.name(set) + " guards " + guards + " momentum " + momentum);
                }
            }
        }
        // Pinned for this 16-12-8-4 model, default recipe: see the breakdown in docs/adaptation.md.
        assertEquals(1278, Adapter.requiredBytes(TEACHER.model, new AdapterConfig()));
    }

    @Test
    void saveAndRestoreCarryTheAdaptedStateToANewAdapter() {
        byte[] image = new byte[2048];
        Interpreter first = interpreter();
        Adapter a = new Adapter(first, new AdapterConfig().trainable(7));
        adapt(a, 120, 5);
        DualSlotStore slots = a.slotsOver(new ByteArrayParameterStore(image), 1);
        a.save(slots);
        byte[] adapted = outputs(first);

        Interpreter second = interpreter();
        Adapter b = new Adapter(second, new AdapterConfig().trainable(7));
        assertTrue(b.restore(b.slotsOver(new ByteArrayParameterStore(image), 1)));
        assertArrayEquals(adapted, outputs(second));
        assertEquals(a.stepsTaken(), b.stepsTaken());

        Adapter blank = new Adapter(interpreter(), new AdapterConfig());
        assertTrue(!blank.restore(blank.slotsOver(new ByteArrayParameterStore(new byte[2048]), 1)));

        Adapter otherSet = new Adapter(interpreter(), new AdapterConfig().trainable(TrainableSet.BIASES));
        ParameterStoreException e = assertThrows(ParameterStoreException.class,
                () -> otherSet.restore(otherSet.slotsOver(new ByteArrayParameterStore(image), 1)));
        assertTrue(e.getMessage().contains("another trainable set"), e.getMessage());

        TeacherModel other = new TeacherModel(8, 16, 12, 8, 4);
        Adapter otherModel = new Adapter(new Interpreter(other.model, Interpreter.RETAIN_ACTIVATIONS),
                new AdapterConfig().trainable(7));
        e = assertThrows(ParameterStoreException.class,
                () -> otherModel.restore(otherModel.slotsOver(new ByteArrayParameterStore(image), 1)));
        assertTrue(e.getMessage().startsWith("parameter store was written for model 0x"), e.getMessage());
    }

    /** {@code image} (one save in slot 0 of a 2048-byte store) with payload int {@code index} set and the CRC redone. */
    private static byte[] withPayloadInt(byte[] image, int payloadBytes, int index, int value) {
        byte[] b = image.clone();
        int at = DualSlotStore.SLOT_OVERHEAD_BYTES - 4 + 4 * index;           // slot 0: marker + 6 header ints
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >> (8 * i));
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 1, 24 + payloadBytes);
        int c = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            b[25 + payloadBytes + i] = (byte) (c >> (8 * i));
        }
        return b;
    }

    @Test
    void restoreRejectsOutOfRangeValuesBeforeTouchingAnything() {
        AdapterConfig all = new AdapterConfig().trainable(7);
        Adapter saver = new Adapter(interpreter(), all);
        adapt(saver, 60, 8);
        byte[] image = new byte[2048];
        saver.save(saver.slotsOver(new ByteArrayParameterStore(image), 1));
        int payload = saver.payloadBytes();
        // payload ints: step, biases 12 + 8 + 4, last-layer weights 4 x 8, gains 16, shifts 16
        int gain3 = 1 + 24 + 32 + 3;
        assertEquals(4 * (1 + 24 + 32 + 16 + 16), payload);
        int[][] cases = {{gain3, 0}, {gain3, -(1 << 24)}, {gain3, (1 << 20) - 1}, {gain3, (16 << 24) + 1}, {0, -1}};
        String[] fields = {"input gain of feature 3 0 ", "input gain of feature 3 -16777216 ",
            "input gain of feature 3 1048575 ", "input gain of feature 3 268435457 ", "step counter -1 "};
        for (int n = 0; n < cases.length; n++) {
            byte[] bad = withPayloadInt(image, payload, cases[n][0], cases[n][1]);
            Interpreter in = interpreter();
            Adapter victim = new Adapter(in, all);
            adapt(victim, 30, 9);
            byte[] before = outputs(in);
            int stepsBefore = victim.stepsTaken();
            DualSlotStore slots = victim.slotsOver(new ByteArrayParameterStore(bad), 1);
            ParameterStoreException e = assertThrows(ParameterStoreException.class, () -> victim.restore(slots));
            int offset = 25 + 4 * cases[n][0];
            assertEquals("parameter store holds an invalid " + fields[n] + "at byte offset " + offset,
                    e.getMessage().substring(0, e.getMessage().indexOf(" of the store")), e.getMessage());
            assertArrayEquals(before, outputs(in), "a rejected restore changed the live parameters");
            assertEquals(stepsBefore, victim.stepsTaken());
            // the store was left idle: the adapter steps and saves over it, and that save restores
            victim.step(drift(TEACHER.sample(new Random(n))), 0, 1);
            victim.save(slots);
            byte[] saved = outputs(in);
            Interpreter fresh = interpreter();
            Adapter reader = new Adapter(fresh, all);
            assertTrue(reader.restore(reader.slotsOver(new ByteArrayParameterStore(bad), 1)));
            assertArrayEquals(saved, outputs(fresh));
        }
        // the bounds themselves are valid
        for (int gain : new int[] {1 << 20, 16 << 24}) {
            Adapter edge = new Adapter(interpreter(), all);
            assertTrue(edge.restore(edge.slotsOver(new ByteArrayParameterStore(
                    withPayloadInt(image, payload, gain3, gain)), 1)));
            assertEquals(gain, edge.inputGain(3));
        }
    }

    @Test
    void rateScalesMultiplyTheStepAndTheAnchorPullsTowardTheFactory() {
        Random r = new Random(12);
        int[] x = drift(TEACHER.sample(r));
        AdapterConfig base = new AdapterConfig().trainable(7).guards(Guards.NONE).anchor(0)
                .rateScales(FixedPointSchedule.ONE, FixedPointSchedule.ONE, FixedPointSchedule.ONE).schedule(FixedPointSchedule.constant(FixedPointSchedule.ONE / 8));
        Adapter factory = new Adapter(interpreter(), base);
        Adapter plain = new Adapter(interpreter(), base);
        plain.step(x, 0, 2);
        Adapter scaled = new Adapter(interpreter(), base.rateScales(2 << 24, 3 << 24, 4 << 24));
        scaled.step(x, 0, 2);
        int moved = 0;
        for (int c = 0; c < 4; c++) {
            int step = plain.biasMaster(2, c) - factory.biasMaster(2, c);
            assertEquals(4.0 * step, scaled.biasMaster(2, c) - factory.biasMaster(2, c), 2.0, "bias " + c);
            moved += step != 0 ? 1 : 0;
        }
        for (int f = 0; f < 16; f++) {
            assertEquals(2.0 * (plain.inputGain(f) - (1 << 24)), scaled.inputGain(f) - (1 << 24), 2.0, "gain " + f);
            assertEquals(3.0 * plain.inputShift(f), scaled.inputShift(f), 2.0, "shift " + f);
            moved += plain.inputShift(f) != 0 ? 1 : 0;
        }
        assertTrue(moved > 4, "the step moved too few parameters to test anything: " + moved);

        // rate x anchor = 1/8 x 1/2: the step is kept at 15/16
        Adapter anchored = new Adapter(interpreter(), new AdapterConfig().trainable(7).guards(Guards.NONE)
                .rateScales(FixedPointSchedule.ONE, FixedPointSchedule.ONE, FixedPointSchedule.ONE).schedule(FixedPointSchedule.constant(FixedPointSchedule.ONE / 8)).anchor(FixedPointSchedule.ONE / 2));
        anchored.step(x, 0, 2);
        for (int c = 0; c < 4; c++) {
            int step = plain.biasMaster(2, c) - factory.biasMaster(2, c);
            assertEquals(step * 15.0 / 16, anchored.biasMaster(2, c) - factory.biasMaster(2, c), 1.0, "bias " + c);
        }
        // rate x anchor = 1: every step ends on the factory parameters
        Interpreter pinnedIn = interpreter();
        Adapter pinned = new Adapter(pinnedIn, new AdapterConfig().trainable(7).guards(Guards.NONE)
                .schedule(FixedPointSchedule.constant(FixedPointSchedule.ONE)).anchor(FixedPointSchedule.ONE));
        byte[] before = outputs(pinnedIn);
        adapt(pinned, 10, 13);
        assertArrayEquals(before, outputs(pinnedIn));
        assertEquals(10, pinned.stepsTaken());
    }

    @Test
    void confidentContradictionsAreSkippedWithoutTouchingParameters() {
        Interpreter in = interpreter();
        Adapter adapter = new Adapter(in, new AdapterConfig().guards(Guards.SKIP_CONFIDENT_CONTRADICTION)
                .confidentProbability(200));
        byte[] before = outputs(in);
        Random r = new Random(6);
        int skipped = 0;
        for (int i = 0; i < 200 && skipped == 0; i++) {
            int[] x = TEACHER.sample(r);
            in.invoke(x, 0);
            int predicted = in.argMax();
            if (in.output(predicted) + 128 >= 200) {
                assertEquals(Adapter.SKIPPED_CONTRADICTION, adapter.step(x, 0, (predicted + 1) % 4));
                skipped++;
            }
        }
        assertEquals(1, skipped, "found a confident prediction to contradict");
        assertArrayEquals(before, outputs(in));
        assertEquals(0, adapter.stepsTaken());
    }

    /**
     * Guard (d): once the inputs have moved (the drift halves every reading), a confident contradiction is learned
     * from; the same adapter state without (d) skips it. On readings about the factory means (d) changes nothing.
     */
    @Test
    void movedInputsLiftTheSkipOfAConfidentContradiction() {
        AdapterConfig skipOnly = new AdapterConfig().guards(Guards.SKIP_CONFIDENT_CONTRADICTION).confidentProbability(200);
        AdapterConfig withShift = new AdapterConfig().guards(Guards.SKIP_CONFIDENT_CONTRADICTION
                | Guards.INPUT_SHIFT_LIFTS_SKIP).confidentProbability(200);
        Interpreter plainIn = interpreter();
        Interpreter shiftIn = interpreter();
        Adapter plain = new Adapter(plainIn, skipOnly);
        Adapter shifted = new Adapter(shiftIn, withShift);
        Random r = new Random(6);
        // warm up on drifted readings with agreeing labels: both adapters take the same steps
        for (int i = 0; i < 60; i++) {
            int[] x = drift(TEACHER.sample(r));
            plainIn.invoke(x, 0);
            int label = plainIn.argMax();
            assertEquals(Adapter.APPLIED, plain.step(x, 0, label));
            assertEquals(Adapter.APPLIED, shifted.step(x, 0, label));
        }
        assertArrayEquals(outputs(plainIn), outputs(shiftIn), "same steps so far");
        int lifted = 0;
        for (int i = 0; i < 400 && lifted == 0; i++) {
            int[] x = drift(TEACHER.sample(r));
            plainIn.invoke(x, 0);
            int predicted = plainIn.argMax();
            if (plainIn.output(predicted) + 128 >= 200) {
                int wrong = (predicted + 1) % 4;
                assertEquals(Adapter.SKIPPED_CONTRADICTION, plain.step(x, 0, wrong));
                assertEquals(Adapter.APPLIED, shifted.step(x, 0, wrong), "the drift lifted the skip");
                lifted++;
            }
        }
        assertEquals(1, lifted, "found a confident prediction to contradict");
        assertEquals(61, shifted.stepsTaken());

        // readings about the factory means: (d) never fires, so every outcome is (b)'s own
        Adapter plainClean = new Adapter(interpreter(), skipOnly);
        Adapter shiftClean = new Adapter(interpreter(), withShift);
        Random c = new Random(8);
        int skipped = 0;
        for (int i = 0; i < 300; i++) {
            int[] x = new int[TEACHER.sizes[0]];
            for (int f = 0; f < x.length; f++) {
                x[f] = (int) Math.max(0, Math.min(16, Math.round(TEACHER.mean[f] + TEACHER.std[f] * c.nextGaussian())));
            }
            int label = c.nextInt(4);                                   // random labels: what (b) guards against
            int outcome = plainClean.step(x, 0, label);
            assertEquals(outcome, shiftClean.step(x, 0, label), "outcome of clean step " + i);
            skipped += outcome == Adapter.SKIPPED_CONTRADICTION ? 1 : 0;
        }
        assertTrue(skipped > 10, "(b) was at work: " + skipped);
    }

    @Test
    void agreementMonitorReturnsToFactoryWhenLabelsStopAgreeing() {
        Interpreter in = interpreter();
        byte[] factory = outputs(in);
        Adapter adapter = new Adapter(in, new AdapterConfig().guards(Guards.AGREEMENT_MONITOR)
                .agreementMonitor(16, 4));
        Random r = new Random(7);
        int resets = 0;
        for (int i = 0; i < 16; i++) {
            int[] x = TEACHER.sample(r);
            in.invoke(x, 0);
            int wrong = (in.argMax() + 1 + r.nextInt(3)) % 4;           // never the predicted class
            int outcome = adapter.step(x, 0, wrong);
            resets += outcome == Adapter.RESET_BY_MONITOR ? 1 : 0;
            assertEquals(i == 15 ? Adapter.RESET_BY_MONITOR : Adapter.APPLIED, outcome, "sample " + i);
        }
        assertEquals(1, resets);
        assertArrayEquals(factory, outputs(in));
    }

    @Test
    void lossCheckRollsBackAStepThatHurtsEarlierSamples() {
        Interpreter in = interpreter();
        Adapter adapter = new Adapter(in, new AdapterConfig().guards(Guards.LOSS_CHECK).ringSize(8)
                .schedule(FixedPointSchedule.constant(FixedPointSchedule.ONE / 4)));
        Random r = new Random(8);
        for (int i = 0; i < 8; i++) {
            int[] x = TEACHER.sample(r);
            adapter.step(x, 0, TEACHER.label(x));
        }
        // A large step towards a wrong label raises the loss of the eight honest samples: undone.
        int rolledBack = 0;
        for (int i = 0; i < 20; i++) {
            int[] x = TEACHER.sample(r);
            byte[] before = outputs(in);
            int outcome = adapter.step(x, 0, (TEACHER.label(x) + 2) % 4);
            if (outcome == Adapter.ROLLED_BACK) {
                rolledBack++;
                assertArrayEquals(before, outputs(in), "a rolled-back step leaves no trace");
            }
        }
        assertTrue(rolledBack >= 10, "most poisoned large steps are rolled back: " + rolledBack);
    }

    /** Lists the non-zero sd values as the int backward path expects them ({@code k << 32 | sd}). */
    private static int listActive(int[] sd, long[] active) {
        int n = 0;
        for (int k = 0; k < sd.length; k++) {
            if (sd[k] != 0) {
                active[n++] = (long) k << 32 | (sd[k] & 0xFFFFFFFFL);
            }
        }
        return n;
    }

    @Test
    void intBackwardPassEqualsTheWidePathWithinItsBound() {
        Random r = new Random(11);
        long[] unitScale = new long[64];
        java.util.Arrays.fill(unitScale, ScaleMath.powerOfTwo(0));       // sd = delta exactly
        int channels = 32;
        int depth = 64;
        for (int trial = 0; trial < 2000; trial++) {
            byte[] w = new byte[5 + channels * depth];
            r.nextBytes(w);
            int[] delta = new int[channels];
            long budget = Adapter.INT_SUM_LIMIT;
            for (int k = 0; k < channels; k++) {
                // about half the channels inactive, the rest up to the bound's share (some trials at the bound)
                int most = (int) Math.min(Integer.MAX_VALUE, budget / channels);
                delta[k] = r.nextBoolean() ? 0 : (trial % 4 == 0 ? most : r.nextInt(2 * most + 1) - most)
                        * (r.nextBoolean() ? 1 : -1);
            }
            int[] expected = new int[depth];
            int[] actual = new int[depth];
            Adapter.backwardWide(w, 5, depth, channels, delta, unitScale, 0, expected, new long[depth]);
            long[] active = new long[channels];
            Adapter.backwardInt(w, 5, depth, active, listActive(delta, active), actual);
            assertArrayEquals(expected, actual, "trial " + trial);
        }
    }

    @Test
    void intBackwardBoundIsTheWorstCase() {
        // all weights −128, all sd of one sign, Σ|sd| exactly at the limit: the largest sum the int path sees
        long limit = Adapter.INT_SUM_LIMIT;
        assertTrue(128 * limit + 128 <= Integer.MAX_VALUE, "the limit keeps sum + half in int");
        assertTrue(128 * (limit + 2) + 128 > Integer.MAX_VALUE, "the limit is within 2 of the largest safe one");
        int channels = 4;
        int[] delta = new int[channels];
        for (int k = 0; k < channels; k++) {
            delta[k] = (int) (limit / channels) + (k < limit % channels ? 1 : 0);
        }
        byte[] w = new byte[channels * 3];
        java.util.Arrays.fill(w, (byte) -128);
        long[] unitScale = new long[channels];
        java.util.Arrays.fill(unitScale, ScaleMath.powerOfTwo(0));
        int[] expected = new int[3];
        int[] actual = new int[3];
        Adapter.backwardWide(w, 0, 3, channels, delta, unitScale, 0, expected, new long[3]);
        long[] active = new long[channels];
        Adapter.backwardInt(w, 0, 3, active, listActive(delta, active), actual);
        assertEquals(-(128 * limit - 128) >> 8, expected[0]);
        assertArrayEquals(expected, actual);
    }

    @Test
    void misconfigurationIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adapter(new Interpreter(TEACHER.model), new AdapterConfig()));
        assertEquals("adaptation needs an Interpreter created with RETAIN_ACTIVATIONS", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Adapter(interpreter(), new AdapterConfig().loss(AdapterConfig.LOSS_MSE)));
        assertEquals("MSE adaptation needs a FULLY_CONNECTED last layer", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdapterConfig().trainable(0));
        assertThrows(IllegalArgumentException.class, () -> new AdapterConfig().trainable(8));
        Adapter adapter = new Adapter(interpreter(), new AdapterConfig());
        assertThrows(IllegalArgumentException.class, () -> adapter.step(new int[16], 0, 4));
    }

    @Test
    void aStepOfTheWrongKindIsAClearError() {
        Adapter classifier = new Adapter(interpreter(), new AdapterConfig());
        int[] raw = new int[16];
        assertEquals("label out of range",
                assertThrows(IllegalArgumentException.class, () -> classifier.step(raw, 0, -1)).getMessage());
        assertEquals("this adapter was configured for cross-entropy: use step", assertThrows(
                IllegalStateException.class, () -> classifier.stepTowards(raw, 0, new byte[4], 0)).getMessage());
        assertEquals("the model has an input stage: step on raw readings",
                assertThrows(IllegalStateException.class, () -> classifier.step(new byte[16], 0, 1)).getMessage());

        // a 4-3 network without a softmax: a regressor, refused as a classifier
        byte[] regressor = new dev.downhill.runtime.format.build.ModelBuilder()
                .input(0, Float.floatToRawIntBits(1f / 64)).fullyConnected(4, 3)
                .weights(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}).bias(new int[3])
                .perTensor(1 << 30, -4, Float.floatToRawIntBits(1f / 64)).output(0, Float.floatToRawIntBits(1f / 16))
                .activation(dev.downhill.runtime.kernels.Activation.NONE, -128, 127).add().build();
        Interpreter in = new Interpreter(Model.load(regressor), Interpreter.RETAIN_ACTIVATIONS);
        assertEquals("cross-entropy adaptation needs a SOFTMAX last layer", assertThrows(
                IllegalArgumentException.class, () -> new Adapter(in, new AdapterConfig())).getMessage());
        AdapterConfig mse = new AdapterConfig().loss(AdapterConfig.LOSS_MSE).trainable(TrainableSet.BIASES);
        Adapter fit = new Adapter(in, mse);
        assertEquals("this adapter was configured for MSE: use stepTowards",
                assertThrows(IllegalStateException.class, () -> fit.step(new byte[4], 0, 0)).getMessage());
        assertEquals("the model takes int8 input (no input stage): step on its int8 input", assertThrows(
                IllegalStateException.class, () -> fit.stepTowards(new int[4], 0, new byte[3], 0)).getMessage());
        assertEquals("input recalibration needs a model with an input stage", assertThrows(
                IllegalArgumentException.class, () -> new Adapter(in, mse.trainable(TrainableSet.DEFAULT)))
                .getMessage());
    }

    /** Raw readings beyond int16 step exactly as the saturated readings the input stage would see. */
    @Test
    void rawReadingsBeyondInt16StepAsTheirSaturatedValues() {
        Interpreter wide = interpreter();
        Interpreter clamped = interpreter();
        Adapter a = new Adapter(wide, new AdapterConfig());
        Adapter b = new Adapter(clamped, new AdapterConfig());
        Random r = new Random(11);
        for (int i = 0; i < 40; i++) {
            int[] x = TEACHER.sample(r);
            int[] far = x.clone();
            int[] sat = x.clone();
            far[i % 16] = i % 2 == 0 ? 70_000 : -70_000;
            sat[i % 16] = i % 2 == 0 ? 32767 : -32768;
            assertEquals(b.step(sat, 0, TEACHER.label(x)), a.step(far, 0, TEACHER.label(x)), "step " + i);
        }
        assertArrayEquals(outputs(clamped), outputs(wide));
        assertNotEquals(0, a.stepsTaken(), "the steps were applied");
    }

    /**
     * An anchor of 1 at a rate of at least 1 pulls every master the whole way back after each update (the pull's
     * share is capped at 1): however far a step moves the parameters, the model stays the factory model.
     */
    @Test
    void aFullAnchorReturnsToTheFactoryAfterEveryStep() {
        Interpreter frozen = interpreter();
        Interpreter anchored = interpreter();
        Adapter adapter = new Adapter(anchored, new AdapterConfig().anchor(FixedPointSchedule.ONE)
                .schedule(FixedPointSchedule.constant(2 * FixedPointSchedule.ONE)).guards(Guards.NONE));
        adapt(adapter, 30, 5);
        assertArrayEquals(outputs(frozen), outputs(anchored));
        Interpreter free = interpreter();
        adapt(new Adapter(free, new AdapterConfig().anchor(0)
                .schedule(FixedPointSchedule.constant(2 * FixedPointSchedule.ONE)).guards(Guards.NONE)), 30, 5);
        assertFalse(java.util.Arrays.equals(outputs(frozen), outputs(free)), "without the anchor the steps move it");
    }

    /**
     * A model without an input stage adapts on its int8 input tensor exactly as the same network behind the stage
     * adapts on raw readings, for every subset but the input stage: the same samples, quantised by the stage on the
     * host, give the same outcomes and the same masters, through the loss check and replays too (the ring then holds
     * int8 tensors).
     */
    @Test
    void int8InputStepsMatchRawStepsThroughTheStage() {
        Model staged = TEACHER.model;
        Model int8 = Model.load(TEACHER.int8InputBlob);
        assertFalse(int8.hasInputStage());
        // guard (d) needs the stage's raw readings (a bare int8 tensor has no known centre), so it is left out here
        AdapterConfig config = new AdapterConfig().trainable(TrainableSet.BIASES | TrainableSet.LAST_LAYER)
                .guards((Guards.DEFAULT & ~Guards.INPUT_SHIFT_LIFTS_SKIP) | Guards.LOSS_CHECK).replay(2);
        Adapter raw = new Adapter(new Interpreter(staged, Interpreter.RETAIN_ACTIVATIONS), config);
        Interpreter int8Interpreter = new Interpreter(int8, Interpreter.RETAIN_ACTIVATIONS);
        Adapter quantised = new Adapter(int8Interpreter, config);
        Random r = new Random(11);
        byte[] q = new byte[staged.inputSize() + 3];
        int[] outcomes = new int[4];
        for (int i = 0; i < 300; i++) {
            int[] x = TEACHER.sample(r);
            int label = TEACHER.label(x);
            int[] seen = drift(x);
            staged.inputStage().quantize(seen, 0, q, 3);
            int outcome = raw.step(seen, 0, label);
            assertEquals(outcome, quantised.step(q, 3, label), "outcome of step " + i);
            outcomes[outcome]++;
        }
        assertTrue(outcomes[Adapter.APPLIED] > 0 && outcomes[Adapter.ROLLED_BACK] > 0, "both paths were taken");
        assertEquals(raw.stepsTaken(), quantised.stepsTaken());
        int last = staged.layerCount() - 2;
        for (int c = 0; c < staged.layerOutputSize(last); c++) {
            assertEquals(raw.biasMaster(last, c), quantised.biasMaster(last, c), "bias master " + c);
            for (int d = 0; d < staged.layerInputSize(last); d++) {
                assertEquals(raw.lastWeightMaster(c, d), quantised.lastWeightMaster(c, d));
            }
        }
        assertNotEquals(ScaleMath.saturate((long) staged.bias(last, 0) << 8), raw.biasMaster(last, 0),
                "the masters moved");
        // and the classify-then-learn reuse works on the int8 path as well: same bits after one more step
        int[] x = TEACHER.sample(r);
        staged.inputStage().quantize(drift(x), 0, q, 0);
        int8Interpreter.setInput(q, 0);
        int8Interpreter.invoke();
        raw.step(drift(x), 0, TEACHER.label(x));
        quantised.step(q, 0, TEACHER.label(x));
        assertEquals(raw.biasMaster(0, 1), quantised.biasMaster(0, 1));
    }

    @Test
    void stepOnTheWrongKindOfInputIsRefusedWithAClearMessage() {
        Adapter staged = new Adapter(interpreter(), new AdapterConfig());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> staged.step(new byte[TEACHER.sizes[0]], 0, 0));
        assertEquals("the model has an input stage: step on raw readings", e.getMessage());
        Adapter int8 = new Adapter(new Interpreter(Model.load(TEACHER.int8InputBlob), Interpreter.RETAIN_ACTIVATIONS),
                new AdapterConfig().trainable(TrainableSet.BIASES));
        e = assertThrows(IllegalStateException.class, () -> int8.step(new int[TEACHER.sizes[0]], 0, 0));
        assertEquals("the model takes int8 input (no input stage): step on its int8 input", e.getMessage());
        IllegalArgumentException noStage = assertThrows(IllegalArgumentException.class,
                () -> new Adapter(new Interpreter(Model.load(TEACHER.int8InputBlob), Interpreter.RETAIN_ACTIVATIONS),
                        new AdapterConfig()));
        assertEquals("input recalibration needs a model with an input stage", noStage.getMessage());
    }
}

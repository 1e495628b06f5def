package dev.downhill.runtime;

import dev.downhill.runtime.kernels.ArgMax;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.downhill.runtime.format.build.ModelBuilder;
import dev.downhill.runtime.kernels.FullyConnected;
import dev.downhill.runtime.kernels.FullyConnectedReference;
import dev.downhill.runtime.kernels.FullyConnected;
import dev.downhill.runtime.kernels.InputQuantizer;
import dev.downhill.runtime.kernels.InputQuantizer;
import dev.downhill.runtime.kernels.Softmax;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InterpreterTest {

    private final byte[] blob = TestModels.mlp(11, true).build();
    private final Model model = Model.load(blob);

    /** The model evaluated layer by layer with the reference kernels and the model's own bytes. */
    private byte[][] referenceActivations(Model m, int[] raw) {
        byte[][] t = new byte[m.layerCount() + 1][];
        t[0] = new byte[m.inputSize()];
        m.inputStage().quantize(raw, 0, t[0], 0);
        for (int l = 0; l < m.layerCount(); l++) {
            t[l + 1] = new byte[m.layerOutputSize(l)];
            FullyConnected fc = m.fullyConnected(l);
            if (fc != null) {
                int[] bias = new int[fc.outputDepth()];
                for (int c = 0; c < bias.length; c++) {
                    bias[c] = m.bias(l, c);
                }
                FullyConnectedReference.eval(fc, t[l], 0, m.blob(), m.weightsOffset(l), bias, 0, t[l + 1], 0);
            } else {
                m.softmax(l).eval(t[l], 0, t[l + 1], 0, new int[t[l].length], 0);
            }
        }
        return t;
    }

    private static int[] randomRaw(SplittableRandom r) {
        int[] raw = new int[64];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = r.nextInt(17);
        }
        return raw;
    }

    @Test
    void invokeMatchesTheReferenceKernelsLayerByLayer() {
        Interpreter retaining = new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS);
        Interpreter pingPong = new Interpreter(model);
        assertTrue(retaining.retainsActivations());
        assertFalse(pingPong.retainsActivations());
        SplittableRandom r = new SplittableRandom(1);
        int distinctClasses = 0;
        boolean[] seen = new boolean[10];
        for (int sample = 0; sample < 200; sample++) {
            int[] raw = randomRaw(r);
            byte[][] expected = referenceActivations(model, raw);
            retaining.invoke(raw, 0);
            pingPong.invoke(raw, 0);
            for (int l = 0; l < model.layerCount(); l++) {
                byte[] in = Arrays.copyOfRange(retaining.activations(), retaining.layerInputOffset(l),
                        retaining.layerInputOffset(l) + model.layerInputSize(l));
                byte[] out = Arrays.copyOfRange(retaining.activations(), retaining.layerOutputOffset(l),
                        retaining.layerOutputOffset(l) + model.layerOutputSize(l));
                assertArrayEquals(expected[l], in, "layer " + l + " input");
                assertArrayEquals(expected[l + 1], out, "layer " + l + " output");
            }
            byte[] out = new byte[10];
            pingPong.copyOutput(out, 0);
            assertArrayEquals(expected[model.layerCount()], out);
            assertEquals(expected[model.layerCount()][3], pingPong.output(3));
            int best = pingPong.argMax();
            assertEquals(best, retaining.argMax());
            int[] top = new int[3];
            ArgMax.topK(pingPong.activations(), pingPong.outputOffset(), pingPong.outputSize(), top, 0, 3);
            assertEquals(best, top[0]);
            if (!seen[best]) {
                seen[best] = true;
                distinctClasses++;
            }
        }
        assertTrue(distinctClasses >= 2, "the test model should not be constant");
    }

    @Test
    void setInputFeedsInt8Directly() {
        Model plain = Model.load(TestModels.mlp64x32x16x10(4));
        Interpreter it = new Interpreter(plain);
        byte[] in = new byte[64];
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) (i * 3 - 90);
        }
        it.setInput(in, 0);
        assertEquals(64, it.inputSize());
        assertArrayEquals(in, Arrays.copyOfRange(it.activations(), it.inputOffset(), it.inputOffset() + 64));
        it.invoke();
        // ping-pong: tensor 2 (layer 1's output) reuses the input's region
        assertEquals(it.inputOffset(), it.layerOutputOffset(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> it.quantizeInput(new int[64], 0));
        assertTrue(e.getMessage().contains("no input stage"));
        // the output sums to about 256 probability steps: softmax ran
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += it.output(i) + 128;
        }
        assertTrue(Math.abs(sum - 256) <= 10, "sum " + sum);
    }

    @Test
    void redirectedBiasesWeightsAndInputStageAreUsedAndCanBeRestored() {
        Interpreter it = new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS);
        int last = 2;
        int[] raw = randomRaw(new SplittableRandom(3));
        it.invoke(raw, 0);
        byte[] before = Arrays.copyOfRange(it.activations(), it.layerOutputOffset(last),
                it.layerOutputOffset(last) + 10);

        // RAM copies equal to the model's values change nothing
        byte[] weights = Arrays.copyOfRange(blob, model.weightsOffset(last), model.weightsOffset(last) + 160);
        int[] bias = new int[10];
        for (int c = 0; c < 10; c++) {
            bias[c] = model.bias(last, c);
        }
        it.setLayerWeights(last, weights, 0);
        it.setLayerBias(last, bias, 0);
        it.invoke(raw, 0);
        assertArrayEquals(before, Arrays.copyOfRange(it.activations(), it.layerOutputOffset(last),
                it.layerOutputOffset(last) + 10));

        // change them in place, refresh, and compare with the reference kernel on the same RAM copies
        weights[5] = 100;
        bias[0] += 5000;
        it.refreshLayer(last);
        it.invoke(raw, 0);
        byte[] expected = new byte[10];
        byte[] lastInput = Arrays.copyOfRange(it.activations(), it.layerInputOffset(last),
                it.layerInputOffset(last) + 16);
        FullyConnectedReference.eval(model.fullyConnected(last), lastInput, 0, weights, 0, bias, 0, expected, 0);
        byte[] actual = Arrays.copyOfRange(it.activations(), it.layerOutputOffset(last), it.layerOutputOffset(last) + 10);
        assertArrayEquals(expected, actual);
        assertNotEquals(Arrays.toString(before), Arrays.toString(actual));
        assertEquals(bias[0], it.layerBias(last, 0));
        assertTrue(it.layerWeights(last) == weights);

        // input stage redirect: shift every offset so the quantised input changes
        InputQuantizer original = model.inputStage();
        int[] offsets = new int[64];
        for (int f = 0; f < 64; f++) {
            offsets[f] = original.offset(f) - 64;
        }
        int[] m = new int[64];
        int[] s = new int[64];
        for (int f = 0; f < 64; f++) {
            m[f] = original.multiplier(f);
            s[f] = original.shift(f);
        }
        it.setInputStage(new InputQuantizer(original.preShift(), original.zeroPoint(), offsets, m, s));
        it.quantizeInput(raw, 0);
        int changed = 0;
        for (int f = 0; f < 64; f++) {
            int q = it.activations()[it.inputOffset() + f];
            if (q != original.quantizeOne(f, raw[f])) {
                changed++;
            }
            assertTrue(q >= original.quantizeOne(f, raw[f]));
        }
        assertTrue(changed > 0);

        it.restoreModelParameters();
        it.invoke(raw, 0);
        assertArrayEquals(before, Arrays.copyOfRange(it.activations(), it.layerOutputOffset(last),
                it.layerOutputOffset(last) + 10));
        assertTrue(it.layerWeights(last) == blob);
    }

    @Test
    void pingPongArenaAlternatesTwoRegions() {
        Interpreter it = new Interpreter(Model.load(TestModels.mlp64x32x16x10(1)));
        // tensors 64, 32, 16, 10, 10: even tensors in region A at 0 (max 64), odd ones in region B after it
        int[] expected = {0, 64, 0, 64, 0};
        for (int t = 0; t < 5; t++) {
            assertEquals(expected[t], t == 0 ? it.inputOffset() : it.layerOutputOffset(t - 1), "tensor " + t);
        }
        assertEquals(0, it.layerInputOffset(0));
        assertEquals(64, it.outputOffset() + 64);
        assertEquals(96, it.activations().length);
        assertEquals(96, MemoryReport.of(it).activationBytes());
    }

    @Test
    void retainingArenaGivesEveryTensorItsOwnRegion() {
        Interpreter it = new Interpreter(Model.load(TestModels.mlp64x32x16x10(1)), Interpreter.RETAIN_ACTIVATIONS);
        int[] expected = {0, 64, 96, 112, 122};
        for (int l = 0; l < 4; l++) {
            assertEquals(expected[l], it.layerInputOffset(l));
            assertEquals(expected[l + 1], it.layerOutputOffset(l));
        }
        assertEquals(122, it.outputOffset());
        assertEquals(132, it.activations().length);
    }

    @Test
    void modelWithoutSoftmaxNeedsNoScratch() {
        Model m = Model.load(new ModelBuilder().input(0, 0)
                .fullyConnected(3, 2).weights(new byte[] {1, 2, 3, 4, 5, 6}).perTensor(1 << 30, 0, 0).add()
                .build());
        Interpreter it = new Interpreter(m);
        assertEquals(0, MemoryReport.of(it).scratchBytes());
        assertEquals(8, MemoryReport.of(it).foldedBiasBytes());
        it.setInput(new byte[] {10, 20, 30}, 0);
        it.invoke();
        // acc = 1*10 + 2*20 + 3*30 = 140 and 320; M = 2^30, shift 0: x/2
        assertEquals(70, it.output(0));
        assertEquals(127, it.output(1));
        assertEquals(m, it.model());
        assertThrows(IllegalStateException.class, () -> it.quantizeInput(new int[3], 0));   // no input stage
    }

    @Test
    void redirectsAreValidated() {
        Interpreter it = new Interpreter(model);
        assertThrows(IllegalArgumentException.class, () -> it.setLayerWeights(2, new byte[159], 0));
        assertThrows(IllegalArgumentException.class, () -> it.setLayerWeights(2, new byte[200], -1));
        assertThrows(IllegalArgumentException.class, () -> it.setLayerWeights(2, new byte[200], 41));
        assertThrows(IllegalArgumentException.class, () -> it.setLayerWeights(3, null, 0));       // softmax
        assertThrows(IllegalArgumentException.class, () -> it.setLayerBias(2, new int[10], -1));
        assertThrows(IllegalArgumentException.class, () -> it.refreshLayer(3));
        assertThrows(IllegalArgumentException.class, () -> it.setLayerBias(2, new int[10], 1));
        assertThrows(IllegalArgumentException.class, () -> it.setLayerBias(3, new int[10], 0));   // softmax
        assertThrows(IllegalArgumentException.class, () -> it.setInputStage(new InputQuantizer(0, 0,
                new int[3], new int[] {1 << 30}, new int[] {0})));
        assertThrows(IllegalArgumentException.class, () -> new Interpreter(model, 2));
        assertThrows(IllegalArgumentException.class, () -> MemoryReport.required(model, -1));
        // a null redirect goes back to the model's own array
        it.setLayerWeights(2, new byte[160], 0);
        it.setLayerWeights(2, null, 0);
        assertTrue(it.layerWeights(2) == blob);
        assertEquals(model.weightsOffset(2), it.layerWeightsOffset(2));
        it.setLayerBias(2, new int[10], 0);
        it.setLayerBias(2, null, 0);
        assertEquals(model.bias(2, 4), it.layerBias(2, 4));
        it.setInputStage(null);
        if (model.hasInputStage()) {          // the model's own stage again: the same int8 input as the kernel gives
            int[] raw = new int[model.inputSize()];
            java.util.Arrays.fill(raw, 7);
            byte[] expected = new byte[raw.length];
            model.inputStage().quantize(raw, 0, expected, 0);
            it.quantizeInput(raw, 0);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(it.activations(), it.inputOffset(),
                    it.inputOffset() + raw.length));
        } else {
            assertThrows(IllegalStateException.class, () -> it.quantizeInput(new int[model.inputSize()], 0));
        }
    }

    @Test
    void invokeAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Interpreter it = new Interpreter(model);
        int[] raw = randomRaw(new SplittableRandom(8));
        for (int i = 0; i < 20_000; i++) {   // warm up (JIT compilation may allocate on other threads only)
            it.invoke(raw, 0);
        }
        long id = Thread.currentThread().getId();
        // The cleanest of three windows: a one-off JVM event (a tier-up or OSR transition charged to this
        // thread) is not a code path; an allocating invoke() would show in every window.
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 3 && allocated != 0; window++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 1000; i++) {
                it.invoke(raw, 0);
                it.argMax();
            }
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(id) - before);
        }
        assertEquals(0, allocated, "bytes allocated by 1000 invocations");
    }
}

package dev.downhill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Pins the exact memory of the 64-32-16-10 + softmax MLP. A change to any of these numbers is a change to the
 * runtime's footprint and must be deliberate.
 */
class MemoryReportTest {

    @Test
    void pingPongArena() {
        Model model = Model.load(TestModels.mlp64x32x16x10(1));
        MemoryReport r = MemoryReport.of(new Interpreter(model));
        // flash: header 32 + table 4 x 12 + FC 36+12+4*32+32*64 = 2224, FC 624, FC (per-channel 10) 36+120+40+160 = 356,
        //        softmax 28, CRC 4
        assertEquals(32 + 48 + 2224 + 624 + 356 + 28 + 4, r.flashBytes());
        assertEquals(3316, r.flashBytes());
        // tensors 64, 32, 16, 10, 10: even region max(64, 16, 10), odd region max(32, 10)
        assertEquals(96, r.activationBytes());
        assertEquals(4 * (32 + 16 + 10), r.foldedBiasBytes());
        // softmax scratch: one int per element of the 10-wide softmax row
        assertEquals(40, r.scratchBytes());
        // layer table 4 x 8 (weights and bias offsets), multipliers + shifts 8 + 8 + 80, interpreter offset tables 4 x (4 x 4 + 1)
        assertEquals(32 + 96 + 68, r.parameterBytes());
        assertEquals(96 + 232 + 40 + 196, r.ramBytes());
        assertEquals(564, r.ramBytes());
        assertEquals("RAM 564 B (activations 96, folded biases 232, scratch 40, parameters 196), flash 3316 B",
                r.toString());
        assertEquals(r.ramBytes(), MemoryReport.required(model, 0).ramBytes());
    }

    @Test
    void retainingArenaForAdaptation() {
        Model model = Model.load(TestModels.mlp64x32x16x10(1));
        MemoryReport r = MemoryReport.of(new Interpreter(model, Interpreter.RETAIN_ACTIVATIONS));
        assertEquals(64 + 32 + 16 + 10 + 10, r.activationBytes());
        assertEquals(600, r.ramBytes());
        assertEquals(r.ramBytes(), MemoryReport.required(model, Interpreter.RETAIN_ACTIVATIONS).ramBytes());
    }

    @Test
    void inputStageParametersAreCounted() {
        Model model = Model.load(TestModels.mlp(1, true).build());
        MemoryReport r = MemoryReport.of(new Interpreter(model));
        // 64 offsets + 64 multipliers + 64 shifts, 4 bytes each, on top of the plain MLP's 196
        assertEquals(196 + 3 * 64 * 4, r.parameterBytes());
        assertEquals(3316 + 12 + 16 + 3 * 64 * 4, r.flashBytes());
    }
}

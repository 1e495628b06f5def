package dev.downhill.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void codesAreTfliteActivationFunctionTypeValues() {
        // tflite::ActivationFunctionType: NONE 0, RELU 1, RELU_N1_TO_1 2, RELU6 3
        assertEquals(0, Activation.NONE);
        assertEquals(1, Activation.RELU);
        assertEquals(2, Activation.RELU_N1_TO_1);
        assertEquals(3, Activation.RELU6);
    }

    @Test
    void namesForToolsAndMessages() {
        assertEquals("NONE", Activation.name(Activation.NONE));
        assertEquals("RELU", Activation.name(Activation.RELU));
        assertEquals("RELU_N1_TO_1", Activation.name(Activation.RELU_N1_TO_1));
        assertEquals("RELU6", Activation.name(Activation.RELU6));
        assertEquals("UNKNOWN", Activation.name(4));
        assertEquals("UNKNOWN", Activation.name(-1));
    }
}

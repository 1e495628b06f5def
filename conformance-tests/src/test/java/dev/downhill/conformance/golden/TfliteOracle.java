package dev.downhill.conformance.golden;

/**
 * One TensorFlow Lite build running one int8-in, int8-out .tflite model: a third-party oracle the runtime is
 * compared with bit by bit ({@link TfliteComparison}).
 */
interface TfliteOracle extends AutoCloseable {

    /** The int8 outputs for {@code x.length} int8 inputs. */
    byte[] run(byte[] x);

    @Override
    void close();
}

package dev.downhill.trainer.export;

/**
 * One golden vector: an input and the exact int8 tensors the runtime produced for it.
 *
 * @param raw the raw integer features fed to the input stage, or null when the model takes int8 input
 * @param input the int8 input tensor
 * @param outputs the int8 output of every operator in order (each FULLY_CONNECTED layer, then the
 *     softmax if present)
 */
public record GoldenCase(int[] raw, byte[] input, byte[][] outputs) {
}

/**
 * Public API (low level, as CMSIS-NN's functions): one operator per configured kernel object, built once at load
 * with its constants (TFLM's OpData) and evaluated over primitive arrays plus offsets: {@link
 * dev.downhill.runtime.kernels.FullyConnected#eval}, {@link dev.downhill.runtime.kernels.Softmax#eval},
 * {@link dev.downhill.runtime.kernels.InputQuantizer#quantize}. {@code FullyConnected} and
 * {@code InputQuantizer} offer the same kernels as static functions, {@code ArgMax} the arg-max and top-k of any
 * region and {@code FullyConnectedReference} TFLM's formula as the test oracle; none of those four is needed on a
 * device to run a model. No kernel allocates. They can be called directly on raw tensors (the TFLM golden tests
 * do).
 */
package dev.downhill.runtime.kernels;

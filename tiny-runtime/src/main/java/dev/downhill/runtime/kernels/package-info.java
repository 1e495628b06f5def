/**
 * Public API (low level, as CMSIS-NN's functions): one operator per class, static methods over primitive
 * arrays plus offsets, with the load-time constants grouped in a params object. No kernel allocates. They can
 * be called directly on raw tensors (the TFLM golden tests do).
 */
package dev.downhill.runtime.kernels;

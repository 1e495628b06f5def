/**
 * The network: {@link dev.downhill.trainer.nn.Mlp} (shape and one flat parameter array), the {@link
 * dev.downhill.trainer.nn.Dense} and {@link dev.downhill.trainer.nn.Relu} kernels, the losses behind {@link
 * dev.downhill.trainer.nn.Loss}, and {@link dev.downhill.trainer.nn.HeInitializer}. Plain float loops; no
 * autograd: each kernel has a hand-written backward, checked against finite differences by GradientCheckTest.
 */
package dev.downhill.trainer.nn;

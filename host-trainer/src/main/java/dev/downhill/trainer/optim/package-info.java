/**
 * Optimisers behind {@link dev.downhill.trainer.optim.Optimizer} (its Javadoc lists the call order): {@link
 * dev.downhill.trainer.optim.Sgd} (plain, momentum, Nesterov), {@link dev.downhill.trainer.optim.Adam} (Adam and
 * AdamW), and {@link dev.downhill.trainer.optim.GradientClipper}. Learning-rate decay lives in
 * {@code dev.downhill.trainer.schedule}, never in an optimiser.
 */
package dev.downhill.trainer.optim;

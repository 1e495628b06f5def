/**
 * Loss landscapes for teaching: the classic two-parameter surfaces ({@link dev.downhill.trainer.landscape.Valley},
 * {@link dev.downhill.trainer.landscape.Saddle}, {@link dev.downhill.trainer.landscape.Rosenbrock}), optimiser
 * paths on them ({@link dev.downhill.trainer.landscape.PathTracer}), a real model's loss along two directions
 * in parameter space, and the iso-lines that draw them ({@link dev.downhill.trainer.landscape.ContourLines}).
 * Used by {@code downhill landscape}; not a library API.
 */
package dev.downhill.trainer.landscape;

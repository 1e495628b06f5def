/**
 * The float model directory: {@link dev.downhill.trainer.model.FloatModel} (load, save, standardise, trace,
 * predict) and its file format, {@link dev.downhill.trainer.model.FloatModelFile} ({@code model.json}, format
 * version {@value dev.downhill.trainer.model.FloatModelFile#FORMAT_VERSION}, specified in docs/trainer.md).
 * This is the hand-over point from training to quantisation and export.
 */
package dev.downhill.trainer.model;

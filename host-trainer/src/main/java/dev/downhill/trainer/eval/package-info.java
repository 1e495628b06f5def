/**
 * Evaluating a float model on labelled data: {@link dev.downhill.trainer.eval.ClassificationReport} (accuracy,
 * per-class precision/recall, confusion matrix) and {@link dev.downhill.trainer.eval.RegressionReport}.
 */
package dev.downhill.trainer.eval;

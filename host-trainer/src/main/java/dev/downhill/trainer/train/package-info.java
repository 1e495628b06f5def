/**
 * The training loop and its policies: {@link dev.downhill.trainer.train.Trainer} with {@link
 * dev.downhill.trainer.train.TrainingConfig}, {@link dev.downhill.trainer.train.EarlyStopping}, {@link
 * dev.downhill.trainer.train.DivergenceGuard}, the per-epoch {@link dev.downhill.trainer.train.TrainLog}, and
 * the learning-rate range test {@link dev.downhill.trainer.train.LearningRateSweep}.
 */
package dev.downhill.trainer.train;

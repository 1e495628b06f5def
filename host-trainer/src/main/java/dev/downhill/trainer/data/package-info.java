/**
 * Reading training data: {@link dev.downhill.trainer.data.CsvTable} (shape), {@link
 * dev.downhill.trainer.data.DatasetReader} (numbers and labels, errors as {@code file:line:column}), {@link
 * dev.downhill.trainer.data.Split} (seeded, stratified), {@link dev.downhill.trainer.data.Standardizer} and
 * {@link dev.downhill.trainer.data.Examples} (the float arrays the network trains on), {@link
 * dev.downhill.trainer.data.FeatureTable} (the feature columns of unlabelled data for a model trained earlier:
 * calibration and prediction inputs).
 *
 * <p>Data given to a trained model (test, calibration, prediction) has its feature columns matched by name, in
 * any order; besides them only the label column may appear (FeatureColumns).
 *
 * <p>API for other packages: {@code DataSource}, {@code CsvTable}, {@code DatasetReader}, {@code Dataset},
 * {@code FeatureTable}, {@code Standardizer}, {@code TargetScaling}, {@code DataException}.
 */
package dev.downhill.trainer.data;

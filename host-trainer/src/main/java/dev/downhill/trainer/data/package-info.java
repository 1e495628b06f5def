/**
 * Reading training data: {@link dev.downhill.trainer.data.CsvTable} (shape), {@link
 * dev.downhill.trainer.data.DatasetReader} (numbers and labels, errors as {@code file:line:column}), {@link
 * dev.downhill.trainer.data.Split} (seeded, stratified), {@link dev.downhill.trainer.data.Standardizer} and
 * {@link dev.downhill.trainer.data.Examples} (the float arrays the network trains on).
 *
 * <p>API for other packages: {@code DataSource}, {@code CsvTable}, {@code DatasetReader}, {@code Dataset},
 * {@code Standardizer}, {@code TargetScaling}, {@code DataException}.
 */
package dev.downhill.trainer.data;

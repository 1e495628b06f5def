/**
 * Turning a {@code .dhm} model into what other toolchains consume: a Java source file for firmware
 * projects ({@link dev.downhill.trainer.export.JavaSourceExporter}), a C header
 * ({@link dev.downhill.trainer.export.CHeaderExporter}), golden vectors for bit-exact self-tests, and
 * the JSON model card written beside every model. Exported sources name each feature's raw unit
 * ({@link dev.downhill.trainer.export.InputUnits}) when it is not the CSV's own. Each exporter renders bytes;
 * the commands write them with the trainer's io.AtomicFileWriter. Formats: docs/export-formats.md.
 */
package dev.downhill.trainer.export;

/**
 * Host side of on-device adaptation (API).
 *
 * <p>{@link dev.downhill.trainer.adapt.FloatAdaptationReference} runs the same adaptation as tiny-runtime's
 * {@code adapt.Adapter} (same trainable subset, samples, order, schedule and guards) in double precision on the
 * dequantised model, so the fixed-point path can be judged against it. {@link dev.downhill.trainer.adapt.AdaptationRecipe}
 * describes one adaptation in real numbers and converts it to the runtime's fixed-point {@code AdapterConfig}.
 * {@link dev.downhill.trainer.adapt.Drift} parses and applies drift transforms for tests, the CLI and the demo.
 * {@link dev.downhill.trainer.adapt.AdaptationRun} plays a labelled stream through the frozen model, the adapter and
 * the float reference and scores them on evaluation rows; its {@link dev.downhill.trainer.adapt.Labels} are class ids
 * (accuracy) or a regression model's targets (sent to the device as int8 in the output's units; mean absolute error).
 * {@link dev.downhill.trainer.adapt.AdaptationPlot} draws the curve.
 * {@link dev.downhill.trainer.adapt.FileParameterStore} is a {@code ParameterStore} over a file, for hosts (the
 * runtime cannot use {@code java.io.RandomAccessFile}).
 */
package dev.downhill.trainer.adapt;

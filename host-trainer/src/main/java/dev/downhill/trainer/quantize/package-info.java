/**
 * Post-training quantisation: from a float model and calibration data to the int8 / int32 tensors
 * and requantisation constants that tiny-runtime executes bit-exactly like TFLite Micro.
 *
 * <p>API for the rest of host-trainer: {@link dev.downhill.trainer.quantize.QuantizedMultiplier}
 * (real multiplier → fixed-point multiplier and shift) and
 * {@link dev.downhill.trainer.quantize.ActivationRange} (fused-activation clamp bounds). The
 * arithmetic they reproduce is specified in docs/int8-arithmetic.md §2 and §6.
 * {@link dev.downhill.trainer.quantize.FeatureQuantizer} is the host's stand-in for a device driver:
 * raw features to the int8 input of a model without a raw input stage.
 * {@link dev.downhill.trainer.quantize.RawUnits} is the unit each feature's int16 reading counts for a model
 * with one (chosen from the calibration data, stored in the model's metadata), and
 * {@link dev.downhill.trainer.quantize.RawReadings} turns a CSV into those readings as a device would read them.
 */
package dev.downhill.trainer.quantize;

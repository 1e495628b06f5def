/**
 * Post-training quantisation: from a float model and calibration data to the int8 / int32 tensors
 * and requantisation constants that tiny-runtime executes bit-exactly like TFLite Micro.
 *
 * <p>API for the rest of host-trainer: {@link dev.downhill.trainer.quantize.QuantizedMultiplier}
 * (real multiplier → fixed-point multiplier and shift) and
 * {@link dev.downhill.trainer.quantize.ActivationRange} (fused-activation clamp bounds). The
 * arithmetic they reproduce is specified in docs/int8-arithmetic.md §2 and §6.
 */
package dev.downhill.trainer.quantize;

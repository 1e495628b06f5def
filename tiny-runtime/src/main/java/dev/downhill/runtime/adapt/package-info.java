/**
 * On-device adaptation (API): fixed-point SGD on a trainable subset of a frozen int8 model.
 *
 * <p>Public: {@link dev.downhill.runtime.adapt.Adapter} (step, reset, save, restore, requiredBytes),
 * {@link dev.downhill.runtime.adapt.AdapterConfig}, {@link dev.downhill.runtime.adapt.TrainableSet},
 * {@link dev.downhill.runtime.adapt.Guards}, {@link dev.downhill.runtime.adapt.FixedPointSchedule} and
 * {@link dev.downhill.runtime.adapt.FixedPointSgd}, and {@link dev.downhill.runtime.adapt.InputShiftDetector} (guard
 * (d)'s integer detector, public so that the host's float reference takes the device's decisions). Package-private helpers: scale arithmetic without floating point
 * ({@code ScaleMath}), the loss gradients, the sample ring, the agreement monitor, the parameter snapshot and a
 * fixed-point log2.
 *
 * <p>Same embedded contract as the rest of the runtime: Java 8, no floating point, no {@code java.util}, no
 * static mutable state; everything is allocated by the {@code Adapter} constructor and nothing afterwards.
 * docs/adaptation.md has the arithmetic, the defaults and the measurements.
 */
package dev.downhill.runtime.adapt;

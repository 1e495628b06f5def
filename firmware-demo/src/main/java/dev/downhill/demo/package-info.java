/**
 * The demo "board": an application that uses only {@code tiny-runtime}, under the same embedded contract
 * (Java 8 bytecode, no floating point, no {@code java.util}, no allocation in the sample loop).
 *
 * <p>It reads labelled sensor samples ({@link dev.downhill.demo.SampleReader}), lets the sensor drift
 * ({@link dev.downhill.demo.SensorDrift}), runs a frozen and an adapting copy of the model side by side,
 * adapts on the occasional labelled sample, keeps its adapted state in a parameter store across a
 * simulated reboot, and prints a serial-console log ({@link dev.downhill.demo.SerialLog},
 * {@link dev.downhill.demo.RollingAccuracy}). Not an API: an example to copy into a firmware project (see
 * {@code docs/firmware-demo.md}).
 */
package dev.downhill.demo;

/**
 * Downhill tiny-runtime: allocation-free int8 inference, bit-exact with TensorFlow Lite Micro's reference
 * kernels (default double-rounding build). <b>Public API:</b>
 * <ul>
 *   <li>{@link dev.downhill.runtime.Model#load(byte[])} validates a {@code .dhm} blob (or throws
 *       {@link dev.downhill.runtime.ModelFormatException}: problem + byte offset) and reads weights in place;</li>
 *   <li>{@link dev.downhill.runtime.Interpreter} binds a model to its arena (one int8 and one int32 array, sized
 *       by its plan at construction); {@code invoke()} allocates nothing;</li>
 *   <li>{@link dev.downhill.runtime.MemoryReport} gives exact RAM and flash bytes.</li>
 * </ul>
 * Embedded contract (checked by conformance-tests): Java 8 bytecode, no dependencies, no float/double, no
 * java.util, no allocation after load, no static mutable state, no lambdas, enums, assert, reflection or threads.
 * Lower-level public layers: {@code kernels}, {@code fixedpoint}, {@code format}; {@code format.build} is host only.
 */
package dev.downhill.runtime;

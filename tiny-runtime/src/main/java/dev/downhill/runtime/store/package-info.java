/**
 * Persistence of adapted parameters (API).
 *
 * <p>{@link dev.downhill.runtime.store.ParameterStore} is the one interface a board implements over its
 * flash or EEPROM; {@link dev.downhill.runtime.store.ByteArrayParameterStore} is the RAM implementation used
 * by tests and the demo. {@link dev.downhill.runtime.store.DualSlotStore} lays two slots over a store, each
 * with a sequence number and a CRC-32, and writes them in an order that leaves either the old or the new state
 * loadable when power fails at any byte of a save. Failures are reported as
 * {@link dev.downhill.runtime.store.ParameterStoreException} with a message that names the cause.
 *
 * <p>A file-backed store for hosts lives in host-trainer ({@code dev.downhill.trainer.adapt.FileParameterStore}),
 * because {@code java.io.RandomAccessFile} is outside the runtime's JDK allowlist.
 */
package dev.downhill.runtime.store;

/**
 * Public API: the {@code .dhm} model format (docs/model-format.md). {@code ModelFormat} holds the layout as
 * constants, {@code ModelReader} validates a blob, {@code ModelBuilder} writes one (host side),
 * {@code Crc32} and {@code LittleEndian} are the byte-level helpers.
 */
package dev.downhill.runtime.format;

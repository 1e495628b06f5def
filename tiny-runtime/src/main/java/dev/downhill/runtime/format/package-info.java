/**
 * Public API: the {@code .dhm} model format (docs/model-format.md). {@code ModelFormat} holds the layout as
 * compile-time constants (javac inlines them, so a device needs no {@code ModelFormat} class);
 * {@code Crc32} and {@code LittleEndian} are the byte-level helpers (the host's: {@code Model} has its own copies of
 * the two loops, so a device needs neither class); {@code ModelFields} reads the fields inference never uses
 * (scales, beta, activation code, metadata). {@code Model.load} validates a blob; the
 * host-only writer is in {@code format.build}.
 */
package dev.downhill.runtime.format;

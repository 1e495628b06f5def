/**
 * Public API, <b>host only</b>: {@code ModelBuilder} writes {@code .dhm} blobs (docs/model-format.md) for the host
 * trainer, exporters and tests. No inference class refers to this package, so a device image leaves it out.
 */
package dev.downhill.runtime.format.build;

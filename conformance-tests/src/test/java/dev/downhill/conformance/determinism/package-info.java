/**
 * Determinism across JVMs: the same seeded model and inputs give the same int8 outputs, bit for bit,
 * in this JVM, in a forked JVM with the JIT, under {@code -Xint}, and on Temurin 25 when installed.
 */
package dev.downhill.conformance.determinism;

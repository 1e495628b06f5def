/**
 * Property tests of the runtime's fixed-point primitives against {@link
 * dev.downhill.conformance.fixedpoint.ExactArithmetic}, an independent BigInteger reference written
 * from {@code docs/int8-arithmetic.md} (copied from the shared spec; §3 and §7).
 */
package dev.downhill.conformance.fixedpoint;

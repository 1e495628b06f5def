/**
 * The embedded contract of {@code tiny-runtime} and {@code firmware-demo}, checked on their class
 * files: Java 8 bytecode, no floating point, no {@code java.util}, no reflection or threads, no
 * static mutable state, only allowlisted JDK members ({@link EmbeddedContractScanner}); no allocation
 * reachable from the inference hot path ({@link HotPathAllocationScanner}); and, measured at run
 * time, zero bytes allocated per inference ({@code AllocationCounterTest}).
 */
package dev.downhill.conformance.embedded;

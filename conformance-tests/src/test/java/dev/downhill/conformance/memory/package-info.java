/** Size budgets of tiny-runtime: class-file bytes of the inference code (flash on a device). */
package dev.downhill.conformance.memory;

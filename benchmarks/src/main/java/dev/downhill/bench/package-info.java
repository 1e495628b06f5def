/** Placeholder; see the module README. */
package dev.downhill.bench;

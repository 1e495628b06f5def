/**
 * The project's own {@code downhill check} gate over the models it bundles: a digits model built by the real
 * pipeline ({@code train -> quantize -> export --format golden}) must pass every check, and each check's
 * figure and limit go into the conformance report.
 */
package dev.downhill.conformance.check;

/**
 * The conformance report: checks record a figure and its limit through
 * {@link dev.downhill.conformance.report.ConformanceReport#record}, and a JUnit Platform listener
 * writes {@code target/conformance-report.md} when the test plan finishes.
 */
package dev.downhill.conformance.report;

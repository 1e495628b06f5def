/**
 * The conformance suite of Downhill: cross-module claims about {@code tiny-runtime} (bit-exactness,
 * the embedded contract, allocation-freedom, robustness against malformed models, size and
 * determinism), each checked by a test that can fail and that records its figure in
 * {@link dev.downhill.conformance.report.ConformanceReport}. Test code only; not API.
 */
package dev.downhill.conformance;

/**
 * Coverage-guided fuzz tests (Jazzer) of every parser that reads untrusted bytes: the {@code .dhm} loader, the
 * parameter-store restore path, the TFLite importer, the CSV reader and the golden-vector reader.
 *
 * <p>Each target feeds raw bytes to one parser and fails on anything but that parser's documented exception; what
 * parses must also be usable (a loaded model runs {@code invoke()}, a restored adapter steps). In a plain
 * {@code mvn verify} they run in regression mode over the committed seed corpus under
 * {@code src/test/resources/dev/downhill/conformance/fuzz/<Class>Inputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * one target at a time is fuzzed (docs/fuzzing.md). {@link dev.downhill.conformance.fuzz.FuzzRecord} puts
 * executions and corpus size per target into the conformance report.
 */
package dev.downhill.conformance.fuzz;

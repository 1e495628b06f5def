/**
 * Robustness of model loading: a committed corpus of hand-made bad {@code .dhm} blobs, each with the
 * message it must produce ({@link dev.downhill.conformance.robustness.BadModelCorpus}), and a jqwik
 * mutation test over valid blobs ({@code ModelMutationTest}).
 */
package dev.downhill.conformance.robustness;

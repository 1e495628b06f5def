/**
 * JMH benchmarks of tiny-runtime. {@link dev.downhill.bench.InferenceBench} measures a whole
 * 64-32-16-10 + softmax inference; {@link dev.downhill.bench.DotProductBaselineBench} measures a bare
 * int8 dot-product loop over the same multiply-accumulates, the floor the runtime is judged against.
 * Each has a JIT and an {@code -Xint} method; {@code bench/runtime-bench.sh} runs all four and prints
 * ns/MAC and the interpreted ratio. Not API.
 */
package dev.downhill.bench;

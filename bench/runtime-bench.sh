#!/usr/bin/env bash
# Benchmarks tiny-runtime inference against a bare int8 dot-product loop over the same 2,720 MACs,
# with the JIT and under -Xint, in one JMH run (about 75 seconds; -Xint in 3 forks per side), and prints ns/inference, ns/MAC and
# the runtime/baseline ratios. Targets: <= 1 ns/MAC with the JIT; <= 1.3x the baseline under -Xint.
# Exit status: 0 targets met, 2 a target missed, anything else a failure to build or run.
# Usage: bench/runtime-bench.sh            (builds benchmarks/target/benchmarks.jar first)
#        SKIP_BUILD=1 bench/runtime-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
exec java -cp benchmarks/target/benchmarks.jar dev.downhill.bench.RuntimeBenchReport

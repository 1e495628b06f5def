#!/usr/bin/env bash
# tiny-runtime against TensorFlow Lite 2.6.2's interpreter (optimised C++ kernels, called through its Java API), on
# the same int8 models in one JVM: a digits MLP (64-32-16-10 + softmax) trained and quantised here and exported to
# .tflite, and TFLM's hello_world (1-16-16-1). Each model is checked bit by bit on random inputs first (the .dhm
# files are single-rounding, as TFLite rounds), then both are timed in interleaved rounds; the figures are ratios
# from one run. About 1.5 minutes on 2 cores. Linux x86-64 only (TFLite's library on Maven Central).
# Usage: bench/tflite-peer-bench.sh [--rounds R] [--ops N]       SKIP_BUILD=1 to reuse the jars
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q -pl host-trainer,benchmarks -am package -DskipTests
fi
J=(java -jar host-trainer/target/downhill.jar)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
"${J[@]}" train --data bundled:digits-train --label label --hidden 32,16 --seed 1 --quiet --out "$W/model" > /dev/null
"${J[@]}" quantize --model "$W/model" --calibration bundled:digits-train --no-input-stage --weights per-tensor --rounding single \
  --out "$W/digits.dhm" > /dev/null
"${J[@]}" export --model "$W/digits.dhm" --format tflite --out "$W/digits.tflite" > /dev/null
HELLO=conformance-tests/src/test/resources/golden/tflm/hello_world_int8.tflite
"${J[@]}" import-tflite "$HELLO" --rounding single --out "$W/hello.dhm" > /dev/null
exec java -cp benchmarks/target/benchmarks.jar dev.downhill.bench.InferenceVsTflite \
  digits-64-32-16-10 "$W/digits.dhm" "$W/digits.tflite" hello_world "$W/hello.dhm" "$HELLO" "$@"

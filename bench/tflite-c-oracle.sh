#!/usr/bin/env bash
# Checks tiny-runtime bit by bit against a second TensorFlow Lite build: TFLite 2.9.0's C library
# (libtensorflowlite_c.so, x86-64 Linux), called through JNA by conformance-tests' TfliteCApiTest.
# The library is not on Maven Central; npm's tfjs-tflite-node@0.0.2 (Apache-2.0, by the TensorFlow.js
# authors) ships it under cc_deps/linux_amd64/, so this fetches that package with `npm pack`, checks the
# library's SHA-256 and runs the comparison: hello_world in every rounding, 300 random MLPs, 40 wide ones,
# softmax heads and per-channel weights (about 30 seconds after the build). Not part of `mvn verify`,
# which must not need npm; the figures land in conformance-tests/target/conformance-report.md.
# Exit status: 0 bit-exact, anything else a mismatch or a failure to fetch, build or run.
# Usage: bench/tflite-c-oracle.sh                 (fetches into conformance-tests/target/tflite-c/)
#        TFLITE_C=/path/libtensorflowlite_c.so bench/tflite-c-oracle.sh   (a library you already have)
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE=tfjs-tflite-node@0.0.2
LIBRARY_SHA256=dc89b4cd86d956516570bd483668e6dd98907f49901d0567dedc69a29a56b7f7
if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "tflite-c-oracle: the pinned library is for Linux x86-64, this is $(uname -s) $(uname -m);" \
       "pass another build with TFLITE_C=PATH" >&2
  [[ -n "${TFLITE_C:-}" ]] || exit 1
fi
library="${TFLITE_C:-}"
if [[ -z "$library" ]]; then
  command -v npm >/dev/null || { echo "tflite-c-oracle: needs npm to fetch $PACKAGE (apt-get install npm)" >&2; exit 1; }
  dir=conformance-tests/target/tflite-c
  library="$dir/package/cc_deps/linux_amd64/libtensorflowlite_c.so"
  if [[ ! -f "$library" ]]; then
    rm -rf "$dir" && mkdir -p "$dir"
    tarball=$(cd "$dir" && npm pack --silent "$PACKAGE")
    tar -xzf "$dir/$tarball" -C "$dir" package/cc_deps/linux_amd64/libtensorflowlite_c.so package/package.json
  fi
  actual=$(sha256sum "$library" | cut -d' ' -f1)
  if [[ "$actual" != "$LIBRARY_SHA256" ]]; then
    echo "tflite-c-oracle: $library has SHA-256 $actual, expected $LIBRARY_SHA256 (TFLite 2.9.0 from $PACKAGE)" >&2
    exit 1
  fi
fi
library=$(cd "$(dirname "$library")" && pwd)/$(basename "$library")
mvn -B -q -pl conformance-tests -am verify -Djacoco.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='TfliteCApiTest' -Ddownhill.tflite.c="$library"
grep -F 'C API' conformance-tests/target/conformance-report.md

#!/usr/bin/env bash
# Checks tiny-runtime bit by bit against two more TensorFlow Lite builds through their C library
# (libtensorflowlite_c.so, x86-64 Linux), called with JNA by conformance-tests' TfliteCApiTest:
#   TFLite 2.2.0, shipped in npm's node-tflite@0.0.2 (package MIT; TFLite itself Apache-2.0): rounds as TFLM;
#   TFLite 2.9.0, shipped in npm's tfjs-tflite-node@0.0.2 (Apache-2.0, the TensorFlow.js authors): ties up.
# Neither library is on Maven Central, so this fetches the packages with `npm pack` into
# conformance-tests/target/tflite-c/, checks each library's SHA-256 and runs the comparison on each: hello_world
# in every rounding, 300 random MLPs, 40 wide ones, softmax heads and per-channel weights (about 40 seconds per
# library after the build). Not part of `mvn verify`, which must not need npm.
# Exit status: 0 bit-exact with both, anything else a mismatch or a failure to fetch, build or run.
# Usage: bench/tflite-c-oracle.sh
#        TFLITE_C=/path/libtensorflowlite_c.so bench/tflite-c-oracle.sh   (one library you already have; a version
#        not measured before also needs TFLITE_ROUNDING=double|single|double-half-up: the rounding it should match)
set -euo pipefail
cd "$(dirname "$0")/.."
# package, the library's path inside it, its SHA-256
PINNED=(
  "node-tflite@0.0.2 package/tflite/linux_x86_64/libtensorflowlite_c.so edb5236b8cbb497775fb36f4f134f89881b81c1cb7d32b897b66787e7040bd40"
  "tfjs-tflite-node@0.0.2 package/cc_deps/linux_amd64/libtensorflowlite_c.so dc89b4cd86d956516570bd483668e6dd98907f49901d0567dedc69a29a56b7f7"
)

fetch() {   # package path sha256 -> prints the library's absolute path
  local package=$1 path=$2 sha=$3 dir="conformance-tests/target/tflite-c/${1%@*}"
  if [[ ! -f "$dir/$path" ]]; then
    command -v npm >/dev/null || { echo "tflite-c-oracle: needs npm to fetch $package (apt-get install npm)" >&2; return 1; }
    rm -rf "$dir" && mkdir -p "$dir"
    local tarball
    tarball=$(cd "$dir" && npm pack --silent "$package" | tail -1)
    tar -xzf "$dir/$tarball" -C "$dir" "$path"
  fi
  local actual
  actual=$(sha256sum "$dir/$path" | cut -d' ' -f1)
  if [[ "$actual" != "$sha" ]]; then
    echo "tflite-c-oracle: $dir/$path from $package has SHA-256 $actual, expected $sha" >&2
    return 1
  fi
  echo "$(cd "$(dirname "$dir/$path")" && pwd)/$(basename "$path")"
}

libraries=()
if [[ -n "${TFLITE_C:-}" ]]; then
  libraries=("$(cd "$(dirname "$TFLITE_C")" && pwd)/$(basename "$TFLITE_C")")
else
  if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
    echo "tflite-c-oracle: the pinned libraries are for Linux x86-64, this is $(uname -s) $(uname -m);" \
         "pass another build with TFLITE_C=PATH" >&2
    exit 1
  fi
  for entry in "${PINNED[@]}"; do
    read -r package path sha <<<"$entry"
    libraries+=("$(fetch "$package" "$path" "$sha")")
  done
fi

status=0
for library in "${libraries[@]}"; do
  echo "== $library"
  mvn -B -q -pl conformance-tests -am verify -Djacoco.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtest='TfliteCApiTest' -Ddownhill.tflite.c="$library" \
      ${TFLITE_ROUNDING:+-Ddownhill.tflite.c.rounding="$TFLITE_ROUNDING"} || status=1
  grep -F 'C API' conformance-tests/target/conformance-report.md || status=1
done
exit $status

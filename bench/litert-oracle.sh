#!/usr/bin/env bash
# Checks tiny-runtime bit by bit against LiteRT.js 2.5.3 (npm's @litertjs/core, Apache-2.0: LiteRT, TensorFlow
# Lite's successor, compiled to WebAssembly), run by Node.js through conformance-tests' LiteRtTest: hello_world in
# every rounding, 300 random MLPs, 40 wide ones, softmax heads and per-channel weights (about a minute after the
# build). Not part of `mvn verify`, which must not need Node or npm.
# It fetches the two packages with `npm pack`, checks their SHA-256, unpacks them as node_modules under
# conformance-tests/target/litert/ and adds an int8 entry to the JavaScript wrapper's table of tensor types (the
# wrapper lists float32, int32 and uint8 only; the WebAssembly runtime beneath takes int8 tensors).
# Exit status: 0 bit-exact, anything else a mismatch or a failure to fetch, build or run.
# Usage: bench/litert-oracle.sh          (needs node >= 18 and npm: apt-get install nodejs npm)
set -euo pipefail
cd "$(dirname "$0")/.."
PINNED=(
  "@litertjs/core@2.5.3 a97660833e9e7e1063c95e12016718881240b14f7438728a2f62785e912d30fd"
  "@litertjs/wasm-utils@2.5.3 ce2a1f8379c067be49e59752e5a7f40db6be09f6e497f0f11e59f17b515366a7"
)
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "litert-oracle: needs $tool (apt-get install nodejs npm)" >&2; exit 1; }
done
modules="$PWD/conformance-tests/target/litert/node_modules"
if [[ ! -f "$modules/@litertjs/core/dist/index.js" ]]; then
  rm -rf "$modules" && mkdir -p "$modules/@litertjs"
  for entry in "${PINNED[@]}"; do
    read -r package sha <<<"$entry"
    tarball=$(cd "$modules" && npm pack --silent "$package" | tail -1)
    actual=$(sha256sum "$modules/$tarball" | cut -d' ' -f1)
    if [[ "$actual" != "$sha" ]]; then
      echo "litert-oracle: $package has SHA-256 $actual, expected $sha" >&2
      exit 1
    fi
    name=${package%@*}
    mkdir -p "$modules/$name"
    tar -xzf "$modules/$tarball" -C "$modules/$name" --strip-components=1
    rm "$modules/$tarball"
  done
  node - "$modules/@litertjs/core/dist/index.js" <<'JS'
const fs = require('fs');
const file = process.argv[2];
const uint8 = '    elementType: ElementType.UINT8\n  }\n]);';
const text = fs.readFileSync(file, 'utf8');
if (!text.includes(uint8)) {
  console.error('litert-oracle: ' + file + ' has no uint8 entry to add int8 after; the wrapper changed');
  process.exit(1);
}
fs.writeFileSync(file, text.replace(uint8, '    elementType: ElementType.UINT8\n  },\n  {\n    dtype: "int8",\n'
    + '    typedArrayConstructor: Int8Array,\n    elementType: ElementType.INT8\n  }\n]);'));
JS
fi
mvn -B -q -pl conformance-tests -am verify -Djacoco.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='LiteRtTest' -Ddownhill.litert="$modules"
grep -F 'LiteRT' conformance-tests/target/conformance-report.md

#!/usr/bin/env bash
# The whole CLI chain a newcomer runs, on every dataset bench/unseen-data.py wrote: train -> eval -> quantize ->
# inspect -> predict -> export (java, c, golden; tflite from an int8-input model) -> check -> adapt, with the options
# the help suggests.
# Prints one line per dataset and command: exit code, then the line that matters (the first line of stderr on
# a failure, else the result line of stdout). Full stdout/stderr of every run are kept under OUT_DIR.
#
# usage: /usr/bin/python3 bench/unseen-data.py /tmp/unseen && bench/unseen-sweep.sh /tmp/unseen /tmp/unseen-out
#        (build first: mvn -B -q -o -pl host-trainer -am package -DskipTests)
# env:   JAVA (default java), ONLY (a dataset name: sweep just that one)
set -uo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: unseen-sweep.sh DATA_DIR OUT_DIR}
out=${2:?usage: unseen-sweep.sh DATA_DIR OUT_DIR}
jar=$PWD/host-trainer/target/downhill.jar
java=${JAVA:-java}
[ -f "$jar" ] || { echo "missing $jar: build it first" >&2; exit 1; }
mkdir -p "$out"

# run NAME STEP PATTERN ARGS...: runs downhill ARGS, prints "NAME STEP rc=N | line" (line: of stdout matching
# PATTERN on success).
run() {
  local name=$1 step=$2 pattern=$3; shift 3
  local log=$out/$name/$step
  "$java" -Xmx512m -jar "$jar" "$@" >"$log.out" 2>"$log.err"
  local rc=$?
  local line
  if [ $rc -ne 0 ]; then
    line=$(head -1 "$log.err")
    grep -q '^\s*at [a-z]' "$log.err" && line="STACK TRACE: $line"
  else
    line=$(grep -E -i "$pattern" "$log.out" | head -1)
    [ -z "$line" ] && line=$(tail -1 "$log.out")
    [ -s "$log.err" ] && line="$line  [stderr: $(head -1 "$log.err")]"
  fi
  printf '%-28s %-10s rc=%d | %s\n' "$name" "$step" "$rc" "${line:0:220}"
  return $rc
}

grep -v '^#' "$data/manifest.tsv" | while IFS=$'\t' read -r name task label options expect; do
  [ "$options" = - ] && options=
  [ -n "${ONLY:-}" ] && [ "$ONLY" != "$name" ] && continue
  d=$data/$name o=$out/$name
  rm -rf "$o"; mkdir -p "$o"
  echo "## $name ($task, label $label; expected: $expect)"
  # shellcheck disable=SC2086
  run "$name" train 'accura|mae|rmse|r2|r\^2' train --data "$d/train.csv" --test "$d/test.csv" --label "$label" --task "$task" \
      --out "$o/model" --quiet $options || continue
  run "$name" eval 'accura|mae|rmse' eval --model "$o/model" --data "$d/test.csv"
  run "$name" quantize 'int8|accura|mae|rmse' quantize --model "$o/model" --calibration "$d/train.csv" --test "$d/test.csv" \
      --out "$o/m.dhm" || continue
  run "$name" inspect 'accura|mae|rmse' inspect "$o/m.dhm"
  run "$name" predict 'wrote|rows|predict' predict --model "$o/m.dhm" --data "$d/test.csv" --out "$o/preds.csv"
  run "$name" export-java '.' export --model "$o/m.dhm" --format java --package com.acme --class Model --out "$o/java"
  run "$name" export-c '.' export --model "$o/m.dhm" --format c --out "$o/model.h"
  run "$name" export-gold '.' export --model "$o/m.dhm" --format golden --data "$d/test.csv" --out "$o/m.dhgv"
  # TFLite has no operator for the raw input stage: the .tflite comes from an int8-input model made for it
  run "$name" quant-tfl 'int8|accura|mae|rmse' quantize --model "$o/model" --calibration "$d/train.csv" --test "$d/test.csv" \
      --no-input-stage --weights per-tensor --rounding single --out "$o/tflite.dhm" \
    && run "$name" export-tfl '.' export --model "$o/tflite.dhm" --format tflite --out "$o/m.tflite"
  run "$name" check 'check (passed|FAILED)' check --model "$o/m.dhm" --float "$o/model" --data "$d/test.csv" --golden "$o/m.dhgv" \
      --ram-budget 64k --flash-budget 256k
  run "$name" adapt 'final|adapt' adapt --model "$o/m.dhm" --data "$d/train.csv" --eval "$d/test.csv" --drift offset=0.5 \
      --out "$o/adapt"
done

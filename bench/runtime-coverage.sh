#!/usr/bin/env bash
# Line and branch coverage of tiny-runtime by its own unit tests plus the conformance suite (JaCoCo),
# against the 95% target. HTML report: conformance-tests/target/site/jacoco-aggregate/index.html
# Usage: bench/runtime-coverage.sh      (runs the tests of tiny-runtime and conformance-tests; ~2 min)
# Exit status: 0 both targets met, 2 a target missed (as bench/runtime-bench.sh), anything else a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pcoverage -pl tiny-runtime,conformance-tests -am \
  org.jacoco:jacoco-maven-plugin:0.8.15:prepare-agent verify -Dmaven.test.failure.ignore=true
csv=conformance-tests/target/site/jacoco-aggregate/jacoco.csv
# CSV columns: GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED,...
awk -F, '$2 ~ /^dev\.downhill\.runtime/ { bm += $6; bc += $7; lm += $8; lc += $9 }
  END {
    if (lc + lm == 0) { print "no tiny-runtime classes in the coverage report"; exit 1 }
    lines = 100 * lc / (lc + lm); branches = (bc + bm) ? 100 * bc / (bc + bm) : 100
    printf "tiny-runtime coverage: lines %.1f%% (%d/%d), branches %.1f%% (%d/%d); target 95%% each: %s\n",
      lines, lc, lc + lm, branches, bc, bc + bm, (lines >= 95 && branches >= 95) ? "MET" : "MISSED"
    if (lines < 95 || branches < 95) exit 2
  }' "$csv"

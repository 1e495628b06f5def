#!/usr/bin/env bash
# Side-by-side training throughput: `downhill train` (Java, one thread) vs the PyTorch peer (one thread) on
# digits, MLP 64-32-16-10, Adam, lr 0.01, cosine schedule, batch 32, 60 epochs, global standardisation.
# Each side runs ROUNDS times, alternating, each in a fresh process. Both sides time the mini-batch loop only
# (no start-up, data loading or validation) and report two figures:
#   run    examples/s over all 60 epochs (for Java this includes JIT warm-up: what one CLI run gets)
#   steady examples/s over the second half of the epochs (compiled code for Java)
# The best round of each side is compared (the least disturbed by other load on the machine), medians too.
#
# usage: bench/train-throughput.sh [ROUNDS]      (build first: mvn -B -q -pl host-trainer -am package -DskipTests)
# env:   PYTHON (default /usr/bin/python3, the interpreter that has PyTorch), JAVA (default java)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
jar=host-trainer/target/downhill.jar
data=host-trainer/src/main/resources/datasets
python=${PYTHON:-/usr/bin/python3}
java=${JAVA:-java}
[ -f "$jar" ] || { echo "missing $jar: build it first (mvn -B -q -pl host-trainer -am package -DskipTests)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

stat() { sort -g | awk '{a[NR]=$1} END {printf "best %.0f median %.0f", a[NR], (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
best() { sort -g | tail -1; }

peer=1
for i in $(seq "$rounds"); do
  j=$("$java" -Xmx256m -jar "$jar" train --data "$data/digits-train.csv" --test "$data/digits-test.csv" \
        --label label --hidden 32,16 --optimizer adam --lr 0.01 --schedule cosine --batch 32 --epochs 60 \
        --seed "$i" --quiet --out "$out/model-$i")
  run=$(echo "$j" | awk '/^throughput/ {print $2}')
  steady=$(echo "$j" | sed -n 's/.*; \([0-9]*\) examples\/s in the second half.*/\1/p')
  acc=$(echo "$j" | sed -n 's/.*validation accuracy \([0-9.]*%\).*/\1/p')
  echo "java  round $i: run $run  steady $steady examples/s  test accuracy $acc"
  echo "$run" >> "$out/java-run"; echo "$steady" >> "$out/java-steady"
  if [ $peer = 1 ]; then
    p=$("$python" bench/pytorch_peer.py --train "$data/digits-train.csv" --test "$data/digits-test.csv" \
          --hidden 32,16 --lr 0.01 --batch 32 --epochs 60 --seed "$i")
    case "$p" in
      skipped=*) echo "PyTorch peer ${p#skipped=}: no comparison"; peer=0 ;;
      *) field() { echo "$p" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
         echo "torch round $i: run $(field examples_per_second)  steady $(field second_half_examples_per_second) examples/s  test accuracy $(field test_accuracy | awk '{printf "%.2f%%", 100 * $1}')  ($(field peer))"
         field examples_per_second >> "$out/torch-run"; field second_half_examples_per_second >> "$out/torch-steady" ;;
    esac
  fi
done
echo "java   run:    $(stat < "$out/java-run")   steady: $(stat < "$out/java-steady")"
if [ $peer = 1 ]; then
  echo "torch  run:    $(stat < "$out/torch-run")   steady: $(stat < "$out/torch-steady")"
  awk -v jr="$(best < "$out/java-run")" -v tr="$(best < "$out/torch-run")" \
      -v js="$(best < "$out/java-steady")" -v ts="$(best < "$out/torch-steady")" \
      'BEGIN {printf "ratio java/pytorch (best rounds): run %.2fx, steady %.2fx\n", jr / tr, js / ts}'
fi

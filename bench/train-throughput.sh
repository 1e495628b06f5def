#!/usr/bin/env bash
# Side-by-side training throughput: `downhill train` (Java, one thread) vs the PyTorch peer (one thread) on
# digits, MLP 64-32-16-10, Adam, batch 32, 60 epochs, cosine schedule, lr 0.01, same standardisation.
# Each side is run ROUNDS times, alternating, and the median throughput is compared. Both sides time the
# mini-batch loop only (no JVM/Python start-up, no data loading, no per-epoch validation), in a fresh process,
# so the Java figure includes JIT warm-up.
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

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

peer_ok=1
for i in $(seq "$rounds"); do
  j=$("$java" -Xmx256m -jar "$jar" train --data "$data/digits-train.csv" --test "$data/digits-test.csv" \
        --label label --hidden 32,16 --optimizer adam --lr 0.01 --schedule cosine --batch 32 --epochs 60 \
        --seed "$i" --quiet --out "$out/model-$i")
  echo "$j" | awk -v i="$i" '/throughput/ {print "java  round " i ": " $2 " examples/s"} /accuracy/ {print "      " $0}'
  echo "$j" | awk '/throughput/ {print $2}' >> "$out/java"
  if [ $peer_ok = 1 ]; then
    p=$("$python" bench/pytorch_peer.py --train "$data/digits-train.csv" --test "$data/digits-test.csv" \
          --hidden 32,16 --lr 0.01 --batch 32 --epochs 60 --seed "$i")
    case "$p" in
      skipped=*) echo "PyTorch peer ${p#skipped=}: skipping the comparison"; peer_ok=0 ;;
      *) echo "torch round $i: $p"
         echo "$p" | tr ' ' '\n' | awk -F= '$1=="examples_per_second" {print $2}' >> "$out/torch" ;;
    esac
  fi
done
jm=$(median < "$out/java")
echo "java median: $jm examples/s"
if [ $peer_ok = 1 ]; then
  tm=$(median < "$out/torch")
  echo "pytorch median: $tm examples/s"
  awk -v j="$jm" -v t="$tm" 'BEGIN {printf "ratio java/pytorch: %.2fx\n", j / t}'
fi

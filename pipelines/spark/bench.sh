#!/usr/bin/env bash
# Spark overhead benchmark: epoch time and images/s of the same net trained for EPOCHS epochs on the first NUM_TRAIN
# training images, in one JVM (the fc-net / cnn job) and by spark-train on local[1], local[2] and
# local-cluster[2,1,2048] (two executor JVMs of one core), gradient sharing, plus parameter averaging on local[2].
# Writes pipelines/docs/spark/bench.tsv (one row per run) and bench-*.log.
#   NUM_TRAIN (default 5000), EPOCHS (default 2), NETS (default "fc"; "fc cnn" adds the cnn rows)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
n=${NUM_TRAIN:-5000}
epochs=${EPOCHS:-2}
docs="$root/pipelines/docs/spark"
mkdir -p "$docs" runs/spark-bench
tsv="$docs/bench.tsv"
[ -f "$tsv" ] || printf 'net\tmode\ttraining_master\tnum_train\tepochs\tepoch1_s\tlast_epoch_s\timages_per_s_last\ttrain_seconds\tval_accuracy\tload_before\n' > "$tsv"
row() { # net mode tm name job-and-options...
  local net=$1 mode=$2 tm=$3 name=$4; shift 4
  local out="runs/spark-bench/$name" load
  load=$(cut -d' ' -f1 /proc/loadavg)
  nice -n 10 ./cs231n "$@" --num-train "$n" --epochs "$epochs" --out "$out" --overwrite 2>&1 \
      | grep -vE '^\s+at |WARN|^[[:space:]]*$' > "$docs/bench-$name.log"
  python3 - "$out/metrics.json" "$net" "$mode" "$tm" "$n" "$epochs" "$load" >> "$tsv" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); net, mode, tm, n, e, load = sys.argv[2:]
n, e = int(n), int(e)
first = m.get("epoch_seconds_first", m["train_seconds"] / e)   # the single-JVM jobs record the total only
last = m.get("epoch_seconds_last", m["train_seconds"] / e)
print("\t".join(str(x) for x in [net, mode, tm, n, e, round(first, 2), round(last, 2), round(n / last, 1),
                                 round(m["train_seconds"], 2), m["val_accuracy"], load]))
PY
}
for net in ${NETS:-fc}; do
  if [ "$net" = fc ]; then single=(fc-net); sp=(spark-train --net fc); else single=(cnn); sp=(spark-train --net cnn); fi
  row "$net" single-jvm - "$net-single" "${single[@]}"
  row "$net" 'local[1]' sharing "$net-local1-sharing" "${sp[@]}" --spark 'local[1]' --training-master sharing
  row "$net" 'local[2]' sharing "$net-local2-sharing" "${sp[@]}" --spark 'local[2]' --training-master sharing
  row "$net" 'local[2]' averaging "$net-local2-averaging" "${sp[@]}" --spark 'local[2]' --training-master averaging
  row "$net" 'local-cluster[2,1,2048]' sharing "$net-cluster-sharing" "${sp[@]}" --spark 'local-cluster[2,1,2048]' \
      --training-master sharing
done

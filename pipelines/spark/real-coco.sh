#!/usr/bin/env bash
# The README's COCO comparison: caption-rnn (default settings, the overfitting check skipped since it runs on the
# driver either way) in one JVM, then spark-caption-rnn on Spark local[2] with gradient sharing and with parameter
# averaging. Outputs: runs/spark-coco/*, logs and metrics copied to pipelines/docs/spark/real-coco-*.{log,json}.
#   EPOCHS (default 20, the job's), JOB (default caption-rnn; caption-transformer for the transformer), CS231N_DATA
#   as for every job.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
epochs=${EPOCHS:-20}
job=${JOB:-caption-rnn}
docs="$root/pipelines/docs/spark"
mkdir -p "$docs" runs/spark-coco
run() { # name, job and options
  local name=$1; shift
  echo "== $name: ./cs231n $* (load: $(cut -d' ' -f1-3 /proc/loadavg))" | tee "$docs/real-coco-$name.log"
  nice -n 10 ./cs231n "$@" --overfit-pairs 0 --epochs "$epochs" --out "runs/spark-coco/$name" --overwrite 2>&1 \
      | grep --line-buffered -vE '^\s+at |WARN|INFO|^[[:space:]]*$|%\s*\[' >> "$docs/real-coco-$name.log"
  cp "runs/spark-coco/$name/metrics.json" "$docs/real-coco-$name.json"
  echo "   (load after: $(cut -d' ' -f1-3 /proc/loadavg))" >> "$docs/real-coco-$name.log"
}
run "$job-single-jvm" "$job"
run "$job-spark-sharing" "spark-$job" --spark 'local[2]' --training-master sharing
run "$job-spark-averaging" "spark-$job" --spark 'local[2]' --training-master averaging

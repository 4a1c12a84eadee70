#!/usr/bin/env bash
# The README's real CIFAR-10 comparison: fc-net (default settings) for EPOCHS epochs in one JVM, then on Spark
# local[2] with gradient sharing and with parameter averaging. Outputs: runs/spark-real/*, logs and metrics copied
# to pipelines/docs/spark/real-*.{log,json}.
#   EPOCHS (default 2), CS231N_DATA as for every job. The averaging row runs with a 5 GB heap and 3 GB of off-heap ND4J
#   memory: with the default -Xmx8g its process grew to 13.5 GB and was killed by the kernel on this shared machine.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
epochs=${EPOCHS:-2}
docs="$root/pipelines/docs/spark"
mkdir -p "$docs" runs/spark-real
run() { # name, job and options
  local name=$1; shift
  echo "== $name: ./cs231n $* (load: $(cut -d' ' -f1-3 /proc/loadavg))" | tee "$docs/real-$name.log"
  /usr/bin/time -v nice -n 10 ./cs231n "$@" --epochs "$epochs" --out "runs/spark-real/$name" --overwrite \
      2>&1 | grep --line-buffered -vE '^\s+at |WARN|^[[:space:]]*$' >> "$docs/real-$name.log"
  cp "runs/spark-real/$name/metrics.json" "$docs/real-$name.json"
  echo "   (load after: $(cut -d' ' -f1-3 /proc/loadavg))" >> "$docs/real-$name.log"
}
run fc-net-single-jvm fc-net
run fc-net-spark-sharing spark-train --spark 'local[2]' --training-master sharing
CS231N_JAVA_OPTS="-Xmx5g -Dorg.bytedeco.javacpp.maxbytes=3G -Dorg.bytedeco.javacpp.maxphysicalbytes=9G" \
  run fc-net-spark-averaging spark-train --spark 'local[2]' --training-master averaging

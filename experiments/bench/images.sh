#!/usr/bin/env bash
# Images per second on CPU of fit() against the same model in a hand-written DJL loop
# (org.mtl4j.bench.ImageBench): notebook 08's LeNet on MultiMNIST, equal weights, interleaved
# repetitions, wall time and the whole process's CPU time (every JVM thread). Prints a Markdown
# table, median (min–max), with the ratios to the DJL loop.
#
#   experiments/bench/images.sh                       # 5 repetitions of 2 epochs of 4000 rows, batch 32
#   experiments/bench/images.sh --reps 7 --epochs 3 --rows 4000 --batch 32 --threads 1
#
# Environment: as experiments/run.sh (JAVA_OPTS, MAVEN_ARGS, MTL4J_JAVA, DJL_OFFLINE).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# as bench/run.sh: a fixed heap, touched up front, and the JIT's compiler threads kept alive (a
# thread that ends takes its CPU time with it, see ProcessCpu)
JAVA_OPTS="-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:-UseDynamicNumberOfCompilerThreads ${JAVA_OPTS:-}" \
  exec "$here/../run.sh" org.mtl4j.bench.ImageBench "$@"

#!/usr/bin/env bash
# Builds the experiments module and runs mtl4j's benchmark (org.mtl4j.bench.Benchmark): training
# speed of fit() vs a hand-written DJL loop vs PyTorch eager (experiments/bench/torch_bench.py),
# scaling with the number of tasks, memory over a long fit, and task-weighting cost. Prints
# Markdown tables.
#
#   experiments/bench/run.sh                              # everything, 7 repetitions (~5 min)
#   experiments/bench/run.sh --reps 3 --sections speed    # only the speed table
#   experiments/bench/run.sh --help                       # the options
#
# Environment: MTL4J_BENCH_PYTHON picks the interpreter with PyTorch (default: the first of
# python3 and /usr/bin/python3 that imports torch); JAVA_OPTS adds JVM options; MAVEN_ARGS adds
# Maven options (e.g. -Dpytorch.gpu, see README "Performance"); DJL_OFFLINE=false lets DJL
# download libtorch.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ "${1:-}" = "--help" ]; then
  sed -n '2,14p' "$0"
  echo "Options: --reps N --epochs N --rows N --threads N --sections speed,scaling,memory,weighting"
  echo "         --workloads small,wide --tasks 1,4,16,64 --memory-epochs N"
  echo "         --runners mtl4j,unchecked,bare,djl,torch,torch-fused --python CMD --script PATH"
  exit 0
fi

# a fixed heap, touched up front, and a fixed number of JIT compiler threads: steadier timings
JAVA_OPTS="-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:-UseDynamicNumberOfCompilerThreads ${JAVA_OPTS:-}" \
  exec "$here/../run.sh" org.mtl4j.bench.Benchmark "$@"

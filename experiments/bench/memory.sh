#!/usr/bin/env bash
# Peak resident memory of fit() (org.mtl4j.bench.MemoryBenchmark) for 1,000,000 rows × 50 numeric
# columns and for 5,000 texts over a 10,000-word vocabulary, each in its own JVM. Prints one line
# per case: RSS before the fit, its peak, and the peak's growth beside the float32 feature matrix
# plus the model (issue 14's target: ≤ 1.5×).
#
#   experiments/bench/memory.sh                       # both cases
#   experiments/bench/memory.sh numeric 200000 50     # one case with other sizes
#
# Environment: as experiments/run.sh (JAVA_OPTS, MAVEN_ARGS, MTL4J_JAVA).
set -euo pipefail
run="$(dirname "$0")/../run.sh"
if [ $# -gt 0 ]; then
  "$run" org.mtl4j.bench.MemoryBenchmark "$@"
else
  "$run" org.mtl4j.bench.MemoryBenchmark numeric
  "$run" org.mtl4j.bench.MemoryBenchmark text
fi

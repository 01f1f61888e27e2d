#!/usr/bin/env bash
# Builds the dsl module and runs mtl4j's benchmark (org.mtl4j.bench.Benchmark, in the dsl test
# sources): training speed of fit() vs a hand-written DJL loop vs PyTorch eager, scaling with the
# number of tasks, memory over a long fit, and task-weighting cost. Prints Markdown tables.
#
#   dsl/bench/run.sh                                  # everything, 7 repetitions (~5 min)
#   dsl/bench/run.sh --reps 3 --sections speed        # only the speed table
#   dsl/bench/run.sh --help                           # the options
#
# Environment: MTL4J_BENCH_PYTHON picks the interpreter with PyTorch (default: the first of
# python3 and /usr/bin/python3 that imports torch); JAVA_OPTS adds JVM options; MAVEN_ARGS adds
# Maven options (e.g. -Dpytorch.gpu, see README "Performance"); DJL_OFFLINE=false lets DJL
# download libtorch.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

if [ "${1:-}" = "--help" ]; then
  sed -n '2,13p' "$0"
  echo "Options: --reps N --epochs N --rows N --threads N --sections speed,scaling,memory,weighting"
  echo "         --workloads small,wide --tasks 1,4,16,64 --memory-epochs N"
  echo "         --runners mtl4j,unchecked,bare,djl,torch --python CMD --script PATH"
  exit 0
fi

# shellcheck disable=SC2086
mvn -B -q -Dstyle.color=never ${MAVEN_ARGS:-} -pl dsl -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$root/target/djl-cache}"
# shellcheck disable=SC2086
exec java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:-UseDynamicNumberOfCompilerThreads ${JAVA_OPTS:-} -Dai.djl.offline="${DJL_OFFLINE:-true}" \
  -Djava.awt.headless=true \
  -cp "dsl/target/test-classes:dsl/target/classes:$(cat dsl/target/bench.classpath)" \
  org.mtl4j.bench.Benchmark "$@"

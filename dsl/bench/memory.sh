#!/usr/bin/env bash
# Peak resident memory of fit() (org.mtl4j.bench.MemoryBenchmark, in the dsl test sources) for
# 1,000,000 rows × 50 numeric columns and for 5,000 texts over a 10,000-word vocabulary, each in
# its own JVM. Prints one line per case: RSS before the fit, its peak, and the peak's growth beside
# the float32 feature matrix plus the model (issue 14's target: ≤ 1.5×).
#
#   dsl/bench/memory.sh                       # both cases
#   dsl/bench/memory.sh numeric 200000 50     # one case with other sizes
#
# Environment: JAVA_OPTS adds JVM options; MAVEN_ARGS adds Maven options.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# shellcheck disable=SC2086
mvn -B -q -o -Dstyle.color=never ${MAVEN_ARGS:-} -pl dsl -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/memory.classpath -Dmdep.includeScope=test >&2
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$root/target/djl-cache}"
run() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -Dai.djl.offline="${DJL_OFFLINE:-true}" -Djava.awt.headless=true \
    -cp "dsl/target/test-classes:dsl/target/classes:$(cat dsl/target/memory.classpath)" \
    org.mtl4j.bench.MemoryBenchmark "$@"
}
if [ $# -gt 0 ]; then
  run "$@"
else
  run numeric
  run text
fi

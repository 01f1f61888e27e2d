#!/usr/bin/env bash
# Measures what the notebook's live training view costs a fit (org.mtl4j.bench.LiveViewBenchmark
# in the kernel-ext test sources): the quickstart model fitted quietly and with the view, for fits
# of about 2 s and about 30 s. Prints a Markdown table.
# Usage: kernel-ext/bench-live-view.sh [reps for 2 s fits, default 7] [reps for 30 s fits, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
mvn -B -q -Dstyle.color=never ${MAVEN_ARGS:-} -pl kernel-ext -am -DskipTests test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/live-view-bench.classpath \
  -Dmdep.includeScope=test >&2
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$PWD/target/djl-cache}"
exec java -Djava.awt.headless=true -Dai.djl.offline="${DJL_OFFLINE:-true}" ${JAVA_OPTS:-} \
  -cp "kernel-ext/target/test-classes:kernel-ext/target/classes:dsl/target/classes:$(cat kernel-ext/target/live-view-bench.classpath)" \
  org.mtl4j.bench.LiveViewBenchmark "$@"

#!/usr/bin/env bash
# Runs a reproduction of a published multi-task experiment from dsl's test classes.
# Usage: dsl/reproduce/run.sh GradNormToyReport [steps] [seeds]
set -euo pipefail
cd "$(dirname "$0")/../.."
main="${1:?name a report, e.g. GradNormToyReport}"
shift
mvn -B -q -pl dsl -am test-compile -DskipTests
mvn -B -q -pl dsl dependency:build-classpath -Dmdep.outputFile=target/reproduce.classpath \
    -Dmdep.includeScope=test
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-dsl/target/djl-cache}"
exec java -Dai.djl.offline=true \
    -cp "dsl/target/test-classes:dsl/target/classes:$(cat dsl/target/reproduce.classpath)" \
    "org.mtl4j.reproduce.$main" "$@"

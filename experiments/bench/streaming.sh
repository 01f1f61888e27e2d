#!/usr/bin/env bash
# Issue 19's benchmark (org.mtl4j.bench.StreamingBenchmark): writes a Parquet file of ROWS rows ×
# COLUMNS numeric columns (+ y, click) with DuckDB SQL, fits one epoch from it in a JVM with a
# small heap and prints the peak RSS beside its bound, then compares the epoch time of the
# streamed and the in-memory path on the first SUBSET rows. Each step runs in its own JVM.
#
#   experiments/bench/streaming.sh [FOLDER] [ROWS] [COLUMNS] [SUBSET] [HEAP]
#   defaults: a temporary folder, 20000000 rows, 50 columns, 1000000 rows, -Xmx512m (the
#   comparison runs with -Xmx2g: the in-memory path holds the subset and its copies)
#
# The file is deleted at the end. Environment: as experiments/run.sh (MAVEN_ARGS, MTL4J_JAVA).
set -euo pipefail
run="$(cd "$(dirname "$0")/.." && pwd)/run.sh"
folder="${1:-$(mktemp -d)}"
rows="${2:-20000000}"
columns="${3:-50}"
subset="${4:-1000000}"
heap="${5:-512m}"
mkdir -p "$folder"
file="$folder/streaming-$rows-$columns.parquet"
trap 'rm -f "$file"' EXIT
[ -f "$file" ] || JAVA_OPTS="-Xmx1g" "$run" org.mtl4j.bench.StreamingBenchmark write "$file" "$rows" "$columns"
JAVA_OPTS="-Xmx$heap" "$run" org.mtl4j.bench.StreamingBenchmark stream "$file"
# the in-memory path needs the table and its copies in the heap: a larger one for the comparison
JAVA_OPTS="-Xmx2g" "$run" org.mtl4j.bench.StreamingBenchmark compare "$file" "$subset"

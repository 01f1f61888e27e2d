#!/usr/bin/env bash
# Kernel latency benchmark: the mtl4j kernel beside ipykernel (cold start, warm `1+1`,
# kernel_info, a printing cell, a chart cell), printed as a Markdown table with ratios.
#
#   kernel-ext/bench/kernel-bench.sh              # full run (a few minutes)
#   kernel-ext/bench/kernel-bench.sh --quick      # tiny configuration (what the tests run)
#   kernel-ext/bench/kernel-bench.sh --fit 20     # also a 20-epoch quiet() fit timed in the kernel
#   kernel-ext/bench/kernel-bench.sh --help       # all options of the Python driver
#
# Uses the packaged kernel (kernel-ext/target/mtl4j.jar; build it with
# `mvn -B -q -DskipTests package`), installs it into kernel-ext/target/bench-jupyter (not your
# own Jupyter), and Debian's Jupyter stack under /usr/bin/python3 (jupyter_client, ipykernel;
# matplotlib for ipykernel's chart). MTL4J_JVM_OPTS is passed to the kernel as usual.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$here")
jar="$module/target/mtl4j.jar"
if [ ! -f "$jar" ]; then
  echo "No $jar: build it first with mvn -B -q -DskipTests package" >&2
  exit 1
fi
prefix="$module/target/bench-jupyter"
args=("$@")
if [ "${1:-}" = "--quick" ]; then
  args=(--cold 1 --runs 3 --warmup 2 "${@:2}")
fi
java -jar "$jar" install --prefix "$prefix" >/dev/null
export JUPYTER_PATH="$prefix/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_RUNTIME_DIR="$prefix/runtime"
export PYDEVD_DISABLE_FILE_VALIDATION=1
exec /usr/bin/python3 "$here/kernel_bench.py" "${args[@]}"

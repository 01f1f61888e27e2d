#!/bin/sh
# Measures how fast an interrupt ends a running cell in the mtl4j kernel, per kind of code (busy
# loop, printing loop, Thread.sleep, fit(), %maven against a repository that never answers).
# Usage: kernel-ext/interrupt-times.sh [--reps N]   (builds the kernel first; needs the Debian
# Jupyter stack under /usr/bin/python3)
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
mvn -B -q -o -pl kernel-ext -am -DskipTests package
jupyter="$here/target/interrupt-jupyter"
java -jar "$here/target/mtl4j.jar" install --prefix="$jupyter" > /dev/null
cd "$here/src/test/python"
JUPYTER_PATH="$jupyter/share/jupyter" JUPYTER_RUNTIME_DIR="$jupyter/runtime" \
    /usr/bin/python3 interrupt_times.py "$@"

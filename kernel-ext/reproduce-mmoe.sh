#!/usr/bin/env bash
# Reproduces the MMoE paper's synthetic experiment (shared-bottom against MMoE at two task
# correlations) with the mtl4j DSL and prints our numbers next to the PyTorch reference runs.
# Usage: kernel-ext/reproduce-mmoe.sh [--seeds 10] [--epochs 40] [--train 10000] [--test 2000]
#        [--scale 0.3] [--rhos 1.0,0.5]. The full run trains 40 models (minutes on a laptop).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f kernel-ext/target/mtl4j.jar ] || [ -n "${MTL4J_REBUILD:-}" ]; then
  mvn -B -q -DskipTests package
fi
exec "${MTL4J_JAVA:-java}" -cp "kernel-ext/target/mtl4j.jar:kernel-ext/target/lib/*" \
  org.mtl4j.experiments.MmoeReproduction "$@"

#!/usr/bin/env bash
# Regenerates the PyTorch reference figures that GradNormToyReport and MmoeReproduction print
# beside mtl4j's (and README quotes): experiments/reference/gradnorm-toy.json and
# mmoe-synthetic.json, each with the torch version that produced it. Runs Debian's python3-torch
# (installed by .ci/install): one process per core, one intra-op thread each.
#
#   experiments/reference/run.sh                 # both
#   experiments/reference/run.sh gradnorm-toy    # one of them
#   experiments/reference/run.sh --extend mmoe-synthetic
#                                                # keep the file's figures, add only the rhos
#                                                # it lacks (mmoe_synthetic.py --extend)
#
# Environment: MTL4J_REFERENCE_PYTHON picks the interpreter (default /usr/bin/python3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${MTL4J_REFERENCE_PYTHON:-/usr/bin/python3}"
extend=()
if [ "${1:-}" = --extend ]; then
  shift
  extend=(--extend)
fi
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
for name in "${@:-gradnorm-toy mmoe-synthetic}"; do
  for one in $name; do
    echo "== $one" >&2
    args=(--out "$here/$one.json.tmp")
    if [ ${#extend[@]} -gt 0 ]; then
      args+=(--extend "$here/$one.json")
    fi
    "$python" "$here/${one//-/_}.py" "${args[@]}"
    mv "$here/$one.json.tmp" "$here/$one.json"
  done
done

#!/usr/bin/env bash
# GPU check (a few minutes): builds mtl4j without the CPU libtorch jar (-Dpytorch.gpu), runs the
# speed benchmark's Java runners on the GPU (with and without the per-step divergence check),
# and prints steps/s and the device the arrays live on.
# Fails unless fit() trained on a GPU.
# A second part (org.mtl4j.bench.MultiDeviceCheck) trains the same fit on one GPU and split across
# devices: with 2 GPUs or more as DJL counts them (CUDA_VISIBLE_DEVICES counts) devices(n), n = the
# GPU count (MTL4J_CHECK_DEVICES overrides it); with exactly one GPU the mixed pair
# devices(gpu(0), cpu()). It prints steps/s of both and fails when the parameters differ by more
# than 1e-4 or the model's NDManager gains resources from epoch to epoch; without a GPU it says
# it skipped and why.
#
#   experiments/bench/gpu-check.sh                 # DJL downloads libtorch 2.7.1 for CUDA 12.8 (online)
#   PYTORCH_LIBRARY_PATH=/opt/libtorch/lib experiments/bench/gpu-check.sh   # an existing libtorch 2.7.1
#
# Environment: PYTORCH_FLAVOR (default cu128) and PYTORCH_VERSION (default 2.7.1) tell DJL which
# libtorch to use; extra arguments go to the benchmark (e.g. --workloads wide).
set -euo pipefail
cd "$(dirname "$0")/../.."

if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
else
  echo "nvidia-smi not found: is there an NVIDIA GPU with its driver on this machine?" >&2
fi
export PYTORCH_VERSION="${PYTORCH_VERSION:-2.7.1}"
export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}"
# offline only when the libtorch is already on disk
if [ -n "${PYTORCH_LIBRARY_PATH:-}" ]; then export DJL_OFFLINE=true; else export DJL_OFFLINE=false; fi

output="$(MAVEN_ARGS="-Dpytorch.gpu ${MAVEN_ARGS:-}" experiments/bench/run.sh --sections speed \
  --runners mtl4j,unchecked,bare,djl --reps 3 --epochs 2 "$@" | tee /dev/stderr)"
if ! grep -q "trained on gpu(" <<<"$output"; then
  echo "GPU check failed: fit() did not train on a GPU (see the device lines above)." >&2
  exit 1
fi
echo "GPU check passed."

# the GPU count comes from DJL inside the check (it skips, saying why, when DJL sees none)
MAVEN_ARGS="-Dpytorch.gpu ${MAVEN_ARGS:-}" experiments/run.sh org.mtl4j.bench.MultiDeviceCheck \
  ${MTL4J_CHECK_DEVICES:+--devices "$MTL4J_CHECK_DEVICES"}

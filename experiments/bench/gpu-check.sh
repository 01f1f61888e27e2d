#!/usr/bin/env bash
# GPU check (a few minutes): builds mtl4j without the CPU libtorch jar (-Dpytorch.gpu), runs the
# speed benchmark's Java runners on the GPU (with and without the per-step divergence check),
# and prints steps/s and the device the arrays live on.
# Fails unless fit() trained on a GPU.
# On a machine with 2 GPUs or more (nvidia-smi -L), a second part (org.mtl4j.bench.MultiDeviceCheck)
# trains the same fit on one GPU and with devices(n), n = the GPU count (MTL4J_CHECK_DEVICES
# overrides it), prints steps/s of both and fails when the parameters differ by more than 1e-4;
# with fewer GPUs it prints that it was skipped and why.
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

gpus=0
if command -v nvidia-smi >/dev/null; then gpus="$(nvidia-smi -L 2>/dev/null | grep -c '^GPU ' || true)"; fi
if [ "$gpus" -ge 2 ]; then
  MAVEN_ARGS="-Dpytorch.gpu ${MAVEN_ARGS:-}" experiments/run.sh org.mtl4j.bench.MultiDeviceCheck \
    --devices "${MTL4J_CHECK_DEVICES:-$gpus}"
else
  echo "Multi-GPU part skipped: nvidia-smi lists $gpus GPU(s); devices(n) needs 2 or more to compare with one."
fi

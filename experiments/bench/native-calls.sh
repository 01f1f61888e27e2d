#!/usr/bin/env bash
# Counts native (JNI) calls per training step on the speed benchmark's small workload, for fit()
# and the hand-written DJL loop (org.mtl4j.bench.NativeCallRun): a uprobe on every JNI entry point
# of DJL's libdjl_torch (perf probe), perf stat over a run of 5 and one of 15 epochs, and the
# difference divided by the difference in steps (so start-up and warm-up cancel out). Prints the
# total and the calls by name. Needs perf and the right to add uprobes (root); the probes are
# removed at the end.
#
#   experiments/bench/native-calls.sh              # runners mtl4j and djl
#   experiments/bench/native-calls.sh mtl4j bare   # any of mtl4j, bare, unchecked, djl
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runners=("$@")
[ ${#runners[@]} -eq 0 ] && runners=(mtl4j djl)
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$root/target/djl-cache}"
# builds the classes and loads libtorch once, so that the library exists before probing
"$root/experiments/run.sh" org.mtl4j.bench.NativeCallRun djl 1 > /dev/null
lib="$(find "$DJL_CACHE_DIR/pytorch" -name '*libdjl_torch.so' | head -1)"
[ -n "$lib" ] || { echo "No libdjl_torch.so under $DJL_CACHE_DIR/pytorch" >&2; exit 1; }
group=mtl4j_jni
trap 'perf probe -q -d "$group:*" 2>/dev/null || true' EXIT
for f in $(nm -D --defined-only "$lib" | awk '{print $3}' | grep '^Java_ai_djl_pytorch_jni_PyTorchLibrary_'); do
  perf probe -q -x "$lib" -a "$group:${f#Java_ai_djl_pytorch_jni_PyTorchLibrary_}=$f" 2>/dev/null || true
done
out="$(mktemp -d)"
cp="experiments/target/classes:$(cat "$root/experiments/target/run.classpath")"
for runner in "${runners[@]}"; do
  for epochs in 5 15; do
    (cd "$root" && perf stat -x, -o "$out/$runner-$epochs.txt" -e "$group:*" -- \
      java -Djava.awt.headless=true -Dai.djl.offline="${DJL_OFFLINE:-true}" -cp "$cp" \
      org.mtl4j.bench.NativeCallRun "$runner" "$epochs" > "$out/$runner-$epochs.out" 2>&1)
  done
  python3 - "$out" "$runner" "$group" <<'PY'
import sys
out, runner, group = sys.argv[1:]
def calls(epochs):
    counts = {}
    for line in open(f"{out}/{runner}-{epochs}.txt"):
        parts = line.strip().split(",")
        if len(parts) > 3 and parts[2].startswith(group + ":"):
            counts[parts[2].split(":", 1)[1]] = int(parts[0])
    return counts
def steps(epochs):
    for line in open(f"{out}/{runner}-{epochs}.out"):
        if line.startswith(runner + " steps "):
            return int(line.split()[-1])
    raise SystemExit(f"no step count in {out}/{runner}-{epochs}.out")
short, long_ = calls(5), calls(15)
n = steps(15) - steps(5)
per = {k: (long_.get(k, 0) - short.get(k, 0)) / n for k in long_}
print(f"{runner}: {sum(per.values()):.1f} native calls per step")
print("  " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(per.items(), key=lambda x: -x[1]) if v >= 0.05))
PY
done

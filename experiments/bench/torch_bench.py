#!/usr/bin/env python3
"""PyTorch eager side of the mtl4j benchmark (driven by org.mtl4j.bench.Benchmark).

Reads the benchmark data written by the Java side (x.f32, value0.f32, kind.i64, little endian) and
answers one request per stdin line:

    run <trunk widths, e.g. 64,64> <batch size> <epochs> <threads> [fused]

with one line "<wall seconds> <process CPU seconds> <steps>": the same model as the Java runners (MLP trunk with ReLU, a
dense(1) MSE head and a dense(3) cross-entropy head, Adam 1e-3), data on the device once, one
gather per epoch for the shuffle, a slice per batch. With "fused" the model steps with
Adam(fused=True), PyTorch's one-kernel Adam. Each trunk keeps its model (one per Adam), so
later requests continue training it, as the Java runners do.

    fused

answers "yes" when this PyTorch has a fused Adam for CPU tensors, else "no: <why>".

Example (by hand):  echo "run 64,64 128 5 1" | python3 torch_bench.py /tmp/bench-data
"""
import sys
import time

import numpy as np
import torch
from torch import nn


def load(directory):
    x = np.fromfile(f"{directory}/x.f32", dtype="<f4")
    value = np.fromfile(f"{directory}/value0.f32", dtype="<f4")
    kind = np.fromfile(f"{directory}/kind.i64", dtype="<i8")
    rows = value.shape[0]
    return (torch.from_numpy(x.reshape(rows, -1).copy()), torch.from_numpy(value.copy()),
            torch.from_numpy(kind.copy()))


class Model:
    def __init__(self, widths, features, fused):
        layers = []
        previous = features
        for width in widths:
            layers += [nn.Linear(previous, width), nn.ReLU()]
            previous = width
        self.trunk = nn.Sequential(*layers)
        self.value = nn.Linear(previous, 1)
        self.kind = nn.Linear(previous, 3)
        params = (list(self.trunk.parameters()) + list(self.value.parameters())
                  + list(self.kind.parameters()))
        self.optimizer = (torch.optim.Adam(params, lr=1e-3, fused=True) if fused
                          else torch.optim.Adam(params, lr=1e-3))

    def epoch(self, x, value, kind, batch):
        rows = x.shape[0]
        order = torch.randperm(rows)
        ex, ev, ek = x[order], value[order], kind[order]
        steps = 0
        for start in range(0, rows, batch):
            xb = ex[start:start + batch]
            shared = self.trunk(xb)
            loss = (nn.functional.mse_loss(self.value(shared).reshape(-1), ev[start:start + batch])
                    + nn.functional.cross_entropy(self.kind(shared), ek[start:start + batch]))
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            steps += 1
        return steps


def fused_adam_missing():
    """None when Adam(fused=True) steps CPU tensors in this PyTorch, else why not."""
    try:
        weight = nn.Parameter(torch.zeros(2))
        optimizer = torch.optim.Adam([weight], lr=1e-3, fused=True)
        weight.grad = torch.ones(2)
        optimizer.step()
        return None
    except (RuntimeError, TypeError, ValueError) as error:
        return str(error).strip().splitlines()[0]


def blas():
    """The BLAS library libtorch's matrix products run on, as loaded into this process."""
    (torch.ones(64, 64) @ torch.ones(64, 64)).sum().item()
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line or "mkl" in line}
    for name, marker in (("OpenBLAS", "openblas"), ("MKL", "mkl"), ("BLIS", "blis"),
                         ("reference BLAS", "/blas/libblas")):
        if any(marker in path for path in paths):
            return name
    return "BLAS unknown"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: torch_bench.py <data directory>")
    torch.manual_seed(7)
    x, value, kind = load(sys.argv[1])
    models = {}
    print(f"ready torch {torch.__version__}, {blas()}", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words == ["fused"]:
            missing = fused_adam_missing()
            print("yes" if missing is None else f"no: {missing}", flush=True)
            continue
        if words[0] != "run" or len(words) not in (5, 6) or words[5:] not in ([], ["fused"]):
            sys.exit(f"bad request {line.strip()!r}; expected: run <widths> <batch> <epochs>"
                     " <threads> [fused], or fused")
        widths = [int(w) for w in words[1].split(",")]
        batch, epochs, threads = int(words[2]), int(words[3]), int(words[4])
        fused = words[5:] == ["fused"]
        torch.set_num_threads(threads)
        key = (words[1], fused)
        model = models.get(key) or Model(widths, x.shape[1], fused)
        models[key] = model
        start, cpu = time.perf_counter(), time.process_time()
        steps = sum(model.epoch(x, value, kind, batch) for _ in range(epochs))
        print(f"{time.perf_counter() - start:.6f} {time.process_time() - cpu:.6f} {steps}",
              flush=True)


if __name__ == "__main__":
    main()

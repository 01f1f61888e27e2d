#!/usr/bin/env python3
"""PyTorch reference of the MMoE paper's synthetic experiment (Ma et al. 2018, section 3), as
MmoeReproduction runs it through the DSL.

The data are mtl4j's TaskCorrelationData rows, redrawn with java.util.Random's sequence
(java_random.py): d = 100, c = 0.3, m = 5, noise 0.1; per seed s (1..10) a task instance from seed
s, 10 000 training rows (seed 100 + s) and 2 000 test rows (seed 200 + s). Inputs standardised
with the training rows' mean and standard deviation, raw targets. The models are
TaskCorrelationExperiment's:

  shared-bottom  Linear(d, 113) + ReLU, a tower Linear(8) + ReLU + Linear(1) per task
  MMoE           8 experts Linear(d, 16) + ReLU, a softmax gate Linear(d, 8) per task, the towers

trained on the sum of the tasks' mean squared errors with Adam(1e-3), batch 100, 40 epochs,
rows reshuffled every epoch, PyTorch's default initialisation. The figure is the mean of the two
tasks' test MSE. Writes JSON (mean and sample standard deviation over seeds, every run, the torch
version and a check of the data) to stdout or --out.

--extend FILE keeps FILE's figures as they are and runs only the --rhos it lacks (same settings,
which it checks), adding them to its results, its settings' rhos and its "extended" list (which
rhos were added, with which torch, in how many seconds); the runs are independent of each other
(each seeds its own initialisation and shuffling), so an added rho gets the figures a full run
would give it.

Runs go to --jobs processes (default: one per core), each with --threads intra-op threads
(default 1); the figures do not depend on either.

Example: /usr/bin/python3 mmoe_synthetic.py --seeds 1 --epochs 2     (seconds)
         experiments/reference/run.sh                                (the committed figures)
         experiments/reference/run.sh --extend mmoe-synthetic        (only the rhos it lacks)
"""

import argparse
import json
import math
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

import parallel
from java_random import JavaRandom

DIMENSION, SCALE, SINES, NOISE = 100, 0.3, 5, 0.1
TRAIN_ROWS, TEST_ROWS, BATCH = 10_000, 2_000, 100
ARCHITECTURES = ("shared-bottom", "MMoE")
DATA = {}  # (seed, rho): ((x, y), (test x, test y)), standardised NumPy arrays, drawn before
STARTED = time.time()


def task_instance(seed):
    """TaskCorrelationData.create's draws: u1, u2 (orthonormal), alpha, beta."""
    random = JavaRandom(seed)
    u1 = np.array(random.gaussians(DIMENSION))
    u1 /= math.sqrt(u1 @ u1)
    u2 = np.array(random.gaussians(DIMENSION))
    u2 -= (u1 @ u2) * u1
    u2 /= math.sqrt(u2 @ u2)
    return u1, u2, np.array(random.gaussians(SINES)), np.array(random.gaussians(SINES))


def draws(count, seed):
    """TaskCorrelationData.table's draws, the same for every rho: per row x, then eps_1, eps_2."""
    return np.array(JavaRandom(seed).gaussians(count * (DIMENSION + 2))).reshape(count, -1)


def rows(instance, rho, stream):
    """TaskCorrelationData.table: x ~ N(0, I), y_k = w_k.x + sum_i sin(alpha_i w_k.x + beta_i) + eps."""
    u1, u2, alpha, beta = instance
    x, noise = stream[:, :DIMENSION], stream[:, DIMENSION:] * NOISE
    ws = (SCALE * u1, SCALE * (rho * u1 + math.sqrt(1 - rho * rho) * u2))
    ys = []
    for k, w in enumerate(ws):
        linear = x @ w
        ys.append(linear + np.sin(np.outer(linear, alpha) + beta).sum(axis=1) + noise[:, k])
    return x, np.stack(ys, axis=1)


def tower(width):
    return nn.Sequential(nn.Linear(width, 8), nn.ReLU(), nn.Linear(8, 1))


class SharedBottom(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(DIMENSION, 113), nn.ReLU())
        self.towers = nn.ModuleList(tower(113) for _ in range(2))

    def forward(self, x):
        shared = self.trunk(x)
        return torch.cat([t(shared) for t in self.towers], dim=1)


class Mmoe(nn.Module):
    def __init__(self):
        super().__init__()
        self.experts = nn.ModuleList(nn.Sequential(nn.Linear(DIMENSION, 16), nn.ReLU())
                                     for _ in range(8))
        self.gates = nn.ModuleList(nn.Linear(DIMENSION, 8) for _ in range(2))
        self.towers = nn.ModuleList(tower(16) for _ in range(2))

    def forward(self, x):
        experts = torch.stack([e(x) for e in self.experts], dim=1)
        outputs = []
        for gate, head in zip(self.gates, self.towers):
            weights = torch.softmax(gate(x), dim=1).unsqueeze(2)
            outputs.append(head((weights * experts).sum(dim=1)))
        return torch.cat(outputs, dim=1)


def test_mse(architecture, rho, seed, epochs):
    """One run on DATA[(seed, rho)]: mean over the two tasks of the test MSE."""
    (x, y), (test_x, test_y) = ((torch.tensor(a, dtype=torch.float32) for a in rows_)
                                for rows_ in DATA[(seed, rho)])
    torch.manual_seed(seed)
    model = Mmoe() if architecture == "MMoE" else SharedBottom()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    shuffle = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=shuffle)
        for start in range(0, len(x), BATCH):
            rows_ = order[start:start + BATCH]
            optimizer.zero_grad()
            ((model(x[rows_]) - y[rows_]) ** 2).mean(dim=0).sum().backward()
            optimizer.step()
    with torch.no_grad():
        mse = ((model(test_x) - test_y) ** 2).mean(dim=0).mean().item()
    print(f"  {architecture} rho={rho} seed {seed}: {mse:.4f} ({time.time() - STARTED:.0f} s)",
          file=sys.stderr)
    return mse


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--rhos", default="1.0,0.5,0.9")
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads per run")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="runs at a time")
    parser.add_argument("--out", help="JSON file to write (default: stdout)")
    parser.add_argument("--extend", help="a report to keep, adding the --rhos it lacks")
    args = parser.parse_args()
    rhos = [float(r) for r in args.rhos.split(",")]
    base = None
    if args.extend:
        with open(args.extend, encoding="utf-8") as file:
            base = json.load(file)
        settings = base["settings"]
        expected = {"dimension": DIMENSION, "scale": SCALE, "sines": SINES, "noise": NOISE,
                    "train_rows": TRAIN_ROWS, "test_rows": TEST_ROWS, "epochs": args.epochs,
                    "batch": BATCH, "learning_rate": 1e-3, "seeds": args.seeds}
        differ = {k: (settings.get(k), v) for k, v in expected.items() if settings.get(k) != v}
        if differ:
            sys.exit(f"--extend {args.extend}: its settings differ (theirs, ours): {differ}")
        rhos = [r for r in rhos if r not in settings["rhos"]]
        if not rhos:
            sys.exit(f"--extend {args.extend}: it already has every rho of --rhos {args.rhos}")
    check = None
    for seed in range(1, args.seeds + 1):
        instance = task_instance(seed)
        train_draws, test_draws = draws(TRAIN_ROWS, 100 + seed), draws(TEST_ROWS, 200 + seed)
        for rho in rhos:
            train_x, train_y = rows(instance, rho, train_draws)
            test_x, test_y = rows(instance, rho, test_draws)
            if check is None:
                check = {"seed": seed, "rho": rho, "train_x1_row0": train_x[0, 0],
                         "train_y2_row9999": train_y[-1, 1], "test_y1_sum": test_y[:, 0].sum()}
            mean, std = train_x.mean(axis=0), train_x.std(axis=0)
            DATA[(seed, rho)] = (((train_x - mean) / std, train_y),
                                 ((test_x - mean) / std, test_y))
    tasks = [(a, rho, seed, args.epochs) for seed in range(1, args.seeds + 1) for rho in rhos
             for a in ARCHITECTURES]
    mses = parallel.starmap(test_mse, tasks, args.jobs, args.threads)
    runs = {f"{a} {r}": [] for a in ARCHITECTURES for r in rhos}
    for (architecture, rho, seed, _), mse in zip(tasks, mses):
        runs[f"{architecture} {rho}"].append({"seed": seed, "test_mse": mse})
    report = {
        "experiment": "MMoE synthetic data (Ma et al. 2018, section 3)",
        "script": "experiments/reference/mmoe_synthetic.py",
        "torch": torch.__version__,
        "settings": {"dimension": DIMENSION, "scale": SCALE, "sines": SINES, "noise": NOISE,
                     "train_rows": TRAIN_ROWS, "test_rows": TEST_ROWS, "epochs": args.epochs,
                     "batch": BATCH, "learning_rate": 1e-3, "seeds": args.seeds, "rhos": rhos},
        "data_check": check,
        "results": {key: {"mean": statistics.fmean(r["test_mse"] for r in values),
                          "std": statistics.stdev([r["test_mse"] for r in values])
                          if len(values) > 1 else 0.0,
                          "runs": values} for key, values in runs.items()},
        "seconds": round(time.time() - STARTED),
        "jobs": args.jobs,
    }
    if base is not None:
        for key, value in report["results"].items():
            base["results"][key] = value
        base["settings"]["rhos"] = base["settings"]["rhos"] + rhos
        base.setdefault("extended", []).append(
            {"rhos": rhos, "torch": report["torch"], "seconds": report["seconds"],
             "jobs": args.jobs, "data_check": check})
        report = base
    text = json.dumps(report, indent=2) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as file:
            file.write(text)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""PyTorch reference of the GradNorm toy (Chen et al. 2018, section 4), as GradNormToyReport runs it.

The data are mtl4j's GradNormToy rows, redrawn with java.util.Random's sequence (java_random.py):
T = 2 tasks of scales sigma = (1, 100), 250 inputs, 100 outputs per task, 10 000 training rows
(seed 1000 + s) and 2 000 test rows (seed 2000 + s), matrices from seed s. The network is the
report's: a trunk of 4 x (Linear(100) + ReLU), a Linear(100) head per task, the mean squared error
per task, Adam(1e-3) on the network, batch 100, rows reshuffled every pass, PyTorch's default
initialisation. The strategies follow mtl4j's definitions:

  equal()            the sum of the task losses
  gradNorm(0.12)     w_t moved by their own Adam(1e-3) down the gradient of sum_t |G_t - mean G *
                     r_t^alpha|, G_t = |grad of w_t L_t on the last shared layer's weight|, r_t the
                     batch loss over the first batch loss, relative to the mean; then w >= 1e-6,
                     rescaled to sum to T; the model takes the gradient of sum_t w_t L_t
  uncertainty(-0.5)  sum_t L_t / (2 e^s_t) + s_t / 2, s_t from -0.5, trained by Adam(1e-3)

The figure is the paper's: the test sum_t L_t / L_t(0) after training, each task's test loss over
its test loss before training. Writes JSON (mean and sample standard deviation over seeds, every
run, the last step's weights, the torch version and a check of the data) to stdout or --out.

Runs go to --jobs processes (default: one per core), each with --threads intra-op threads
(default 1); the figures do not depend on either.

Example: /usr/bin/python3 gradnorm_toy.py --steps 200 --seeds 1      (seconds)
         experiments/reference/run.sh                                (the committed figures)
"""

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

import parallel
from java_random import JavaRandom

INPUTS, OUTPUTS, WIDTH, BATCH = 250, 100, 100, 100
TRAIN_ROWS, TEST_ROWS = 10_000, 2_000
STRATEGIES = ("equal()", "gradNorm(0.12)", "uncertainty(-0.5)")
DATA = {}  # seed: ((x, ys), (test x, test ys)) as NumPy arrays, drawn before the runs
STARTED = time.time()


def toy_matrices(sigmas, seed):
    """GradNormToy.create: B ~ N(0, 10^2) shared, plus eps_t ~ N(0, 3.5^2) per task."""
    random = JavaRandom(seed)
    shared = np.array(random.gaussians(OUTPUTS * INPUTS)).reshape(OUTPUTS, INPUTS) * 10
    return [shared + np.array(random.gaussians(OUTPUTS * INPUTS)).reshape(OUTPUTS, INPUTS) * 3.5
            for _ in sigmas]


def toy_rows(matrices, sigmas, rows, seed):
    """GradNormToy.table: x ~ U(-1, 1)^250 scaled to unit norm, y_t = sigma_t tanh(M_t x)."""
    x = np.array(JavaRandom(seed).doubles(rows * INPUTS)).reshape(rows, INPUTS) * 2 - 1
    x /= np.sqrt((x * x).sum(axis=1, keepdims=True))
    ys = [sigma * np.tanh(x @ matrix.T) for matrix, sigma in zip(matrices, sigmas)]
    return x, ys


class HostAdam:
    """Adam on a few host-side numbers (mtl4j's weights of GradNorm)."""

    def __init__(self, size, rate):
        self.rate, self.steps = rate, 0
        self.means, self.variances = [0.0] * size, [0.0] * size

    def step(self, i, gradient, count):
        self.means[i] = 0.9 * self.means[i] + 0.1 * gradient
        self.variances[i] = 0.999 * self.variances[i] + 0.001 * gradient * gradient
        mean = self.means[i] / (1 - 0.9 ** count)
        variance = self.variances[i] / (1 - 0.999 ** count)
        return self.rate * mean / (variance ** 0.5 + 1e-8)


class GradNorm:
    def __init__(self, tasks, alpha, layer):
        self.alpha, self.layer = alpha, layer
        self.weights, self.initial = [1.0] * tasks, None
        self.adam, self.count = HostAdam(tasks, 1e-3), 0

    def backward(self, losses):
        used = list(self.weights)
        norms = [torch.autograd.grad(w * loss, self.layer, retain_graph=True)[0].norm().item()
                 for w, loss in zip(used, losses)]
        sum(w * loss for w, loss in zip(used, losses)).backward()
        values = [loss.item() for loss in losses]
        if self.initial is None:
            self.initial = values
        ratios = [v / i if i > 0 else 1 for v, i in zip(values, self.initial)]
        mean_norm, mean_ratio = statistics.fmean(norms), statistics.fmean(ratios)
        self.count += 1
        for t, (norm, ratio) in enumerate(zip(norms, ratios)):
            target = mean_norm * (ratio / mean_ratio) ** self.alpha
            gradient = (1 if norm > target else -1 if norm < target else 0) * norm / used[t]
            self.weights[t] = max(1e-6, used[t] - self.adam.step(t, gradient, self.count))
        total = sum(self.weights)
        self.weights = [w * len(self.weights) / total for w in self.weights]
        return used


class Uncertainty:
    def __init__(self, tasks, start):
        self.log_variances = torch.full((tasks,), start, requires_grad=True)
        self.optimizer = torch.optim.Adam([self.log_variances], lr=1e-3)

    def backward(self, losses):
        self.optimizer.zero_grad()
        weights = 0.5 * torch.exp(-self.log_variances)
        (torch.stack(losses) * weights + 0.5 * self.log_variances).sum().backward()
        self.optimizer.step()
        return weights.detach().tolist()


class Equal:
    def backward(self, losses):
        sum(losses).backward()
        return [1.0] * len(losses)


def run(strategy, seed, steps):
    """One training run on DATA[seed]; (sum of test loss ratios, the last step's weights)."""
    (x, ys), (test_x, test_ys) = (tensors(*rows) for rows in DATA[seed])
    torch.manual_seed(seed)
    layers = []
    for i in range(4):
        layers += [nn.Linear(INPUTS if i == 0 else WIDTH, WIDTH), nn.ReLU()]
    trunk = nn.Sequential(*layers)
    heads = nn.ModuleList(nn.Linear(WIDTH, OUTPUTS) for _ in ys)
    optimizer = torch.optim.Adam(list(trunk.parameters()) + list(heads.parameters()), lr=1e-3)
    weigher = {"equal()": Equal, "gradNorm(0.12)": lambda: GradNorm(len(ys), 0.12, layers[-2].weight),
               "uncertainty(-0.5)": lambda: Uncertainty(len(ys), -0.5)}[strategy]()

    def losses(inputs, targets):
        shared = trunk(inputs)
        return [((head(shared) - y) ** 2).mean() for head, y in zip(heads, targets)]

    with torch.no_grad():
        initial = [loss.item() for loss in losses(test_x, test_ys)]
    shuffle = torch.Generator().manual_seed(seed)
    weights = None
    for step in range(steps):
        offset = (step * BATCH) % TRAIN_ROWS
        if offset == 0:
            order = torch.randperm(TRAIN_ROWS, generator=shuffle)
        rows = order[offset:offset + BATCH]
        optimizer.zero_grad()
        weights = weigher.backward(losses(x[rows], [y[rows] for y in ys]))
        optimizer.step()
    with torch.no_grad():
        final = [loss.item() for loss in losses(test_x, test_ys)]
    ratio = sum(f / i for f, i in zip(final, initial))
    print(f"  {strategy} seed {seed}: {ratio:.4f} ({time.time() - STARTED:.0f} s)",
          file=sys.stderr)
    return ratio, weights


def tensors(x, ys):
    return torch.tensor(x, dtype=torch.float32), [torch.tensor(y, dtype=torch.float32) for y in ys]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads per run")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="runs at a time")
    parser.add_argument("--out", help="JSON file to write (default: stdout)")
    args = parser.parse_args()
    sigmas = [1.0, 100.0]
    for seed in range(args.seeds):
        matrices = toy_matrices(sigmas, seed)
        DATA[seed] = (toy_rows(matrices, sigmas, TRAIN_ROWS, 1000 + seed),
                      toy_rows(matrices, sigmas, TEST_ROWS, 2000 + seed))
    (train_x, train_ys), (_, test_ys) = DATA[0]
    check = {"seed": 0, "train_x1_row0": train_x[0, 0], "train_t1_y1_row0": train_ys[0][0, 0],
             "train_t2_y100_row9999": train_ys[1][-1, -1], "test_t1_sum": test_ys[0].sum()}
    tasks = [(name, seed, args.steps) for seed in range(args.seeds) for name in STRATEGIES]
    results = dict(zip(tasks, parallel.starmap(run, tasks, args.jobs, args.threads)))
    runs = {name: [{"seed": seed, "loss_ratio_sum": results[(name, seed, args.steps)][0],
                    "weights": results[(name, seed, args.steps)][1]}
                   for seed in range(args.seeds)] for name in STRATEGIES}
    report = {
        "experiment": "GradNorm toy (Chen et al. 2018, section 4)",
        "script": "experiments/reference/gradnorm_toy.py",
        "torch": torch.__version__,
        "settings": {"sigmas": sigmas, "steps": args.steps, "seeds": args.seeds, "batch": BATCH,
                     "train_rows": TRAIN_ROWS, "test_rows": TEST_ROWS, "learning_rate": 1e-3},
        "data_check": check,
        "results": {name: {"mean": statistics.fmean(r["loss_ratio_sum"] for r in runs[name]),
                           "std": statistics.stdev([r["loss_ratio_sum"] for r in runs[name]])
                           if len(runs[name]) > 1 else 0.0,
                           "runs": runs[name]} for name in STRATEGIES},
        "seconds": round(time.time() - STARTED),
        "jobs": args.jobs,
    }
    text = json.dumps(report, indent=2) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as file:
            file.write(text)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()

"""Kernel latency benchmark: the mtl4j kernel and ipykernel side by side, through jupyter_client.

Measures, for each kernel:
  cold start      launch of the kernel process -> reply to the first `1+1` (sent at once), and
                  the CPU time the process used until then (less sensitive to a loaded machine)
  trivial cell    `1+1`: execute_request -> execute_reply and iopub idle (whichever is later)
  comment cell    a cell holding only a comment: the kernel's own cost of a cell, no compiling
  kernel_info     kernel_info_request -> kernel_info_reply
  print cell      a cell that prints one line (reply, idle and the stream output received)
  chart cell      a cell that renders a line chart as image/png (mtl4j: XChart; ipykernel:
                  matplotlib's inline backend, when matplotlib is installed)
  fit cell        (mtl4j only, --fit) a fixed quiet() fit, timed inside the kernel

`--kernels "mtl4j,mtl4j[-Xshare:off;MTL4J_START_OPTS=]" --fit 20` compares the kernel with and
without its start-up settings (the class archive and the launcher's MTL4J_START_OPTS), training
included.

Prints one Markdown table: p50 and p95 in milliseconds and the mtl4j/ipykernel ratio of the p50s.
Run through kernel-bench.sh, which installs the freshly built kernel; JUPYTER_PATH must hold the
mtl4j kernelspec. Timings depend on the machine's load: read the ratios.
"""
import argparse
import os
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

CELLS = {
    "mtl4j": {
        "trivial": "1+1",
        "comment": "// nothing to run",
        "print": 'System.out.println("hello");',
        "chart_setup": "import org.knowm.xchart.*;",
        "chart": 'var chart = new XYChartBuilder().width(400).height(300).build();\n'
                 'chart.addSeries("y", new double[] {1, 2, 3, 4}, new double[] {1, 4, 9, 16});\n'
                 'chart',
    },
    "python3": {
        "trivial": "1+1",
        "comment": "# nothing to run",
        "print": 'print("hello")',
        "chart_setup": "import matplotlib\nimport matplotlib.pyplot as plt\n%matplotlib inline",
        "chart": "fig, ax = plt.subplots(figsize=(4, 3))\n"
                 "ax.plot([1, 2, 3, 4], [1, 4, 9, 16])\nplt.show()",
    },
}

FIT_CELL = (
    'var fitData = SeedExample.table(4000, 5, 1);\n'
    'var fitModel = multiTask().input(numeric("x1", "x2", "x3"))'
    '.trunk(dense(64), relu()).task("task1").head(dense(1)).loss(mse())'
    '.task("task2").head(dense(1)).loss(mse()).build();\n'
    'long fitStart = System.nanoTime();\n'
    'fitModel.fit(fitData, epochs(%d), batchSize(32), quiet());\n'
    '(System.nanoTime() - fitStart) / 1_000_000'
)


class Kernel:
    """One running kernel with a blocking client."""

    def __init__(self, name, timeout):
        """name: a kernelspec, or `mtl4j[SETTINGS]` for mtl4j with MTL4J_JVM_OPTS set; SETTINGS
        are JVM options and `NAME=value` settings of the launcher's environment, separated by
        `;` (e.g. `mtl4j[-Xshare:off;MTL4J_START_OPTS=]`)."""
        self.name = name
        self.timeout = timeout
        spec, _, settings = name.partition("[")
        env = dict(os.environ)
        options = []
        for part in settings.rstrip("]").split(";"):
            key, equals, value = part.partition("=")
            if equals and key.isupper() and key.replace("_", "").isalnum():
                env[key] = value
            elif part.strip():
                options.append(part.strip())
        if options:
            env["MTL4J_JVM_OPTS"] = " ".join(options)
        self.km = KernelManager(kernel_name=spec)
        self.started = time.monotonic()
        self.km.start_kernel(env=env)
        self.kc = self.km.client()
        self.kc.start_channels()

    def run(self, code):
        """Runs code; returns (seconds until reply and idle, outputs); fails on an error reply."""
        start = time.monotonic()
        msg_id = self.kc.execute(code)
        reply = self.kc.get_shell_msg(timeout=self.timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=self.timeout)
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=self.timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            outputs.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        done = time.monotonic()
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{self.name}: {code!r} failed: {reply['content']}")
        return done - start, outputs

    def first_reply(self, code):
        """Sends code at once (the kernel may still be starting); seconds since launch."""
        msg_id = self.kc.execute(code)
        while True:
            msg = self.kc.get_shell_msg(timeout=self.timeout)
            if msg["parent_header"].get("msg_id") == msg_id:
                return time.monotonic() - self.started

    def cpu_seconds(self):
        """CPU time the kernel process has used so far (all its threads)."""
        with open(f"/proc/{self.km.provisioner.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kernel_info(self):
        start = time.monotonic()
        self.kc.kernel_info(reply=True, timeout=self.timeout)
        return time.monotonic() - start

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def has_matplotlib():
    try:
        import matplotlib  # noqa: F401  (the benchmark only asks whether ipykernel can plot)
        return True
    except ImportError:
        return False


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(name, args):
    """All figures (lists of seconds) for one kernel."""
    figures = {"cold start": [], "cold start, process CPU": []}
    for _ in range(args.cold):
        kernel = Kernel(name, args.timeout)
        try:
            figures["cold start"].append(kernel.first_reply("1+1"))
            figures["cold start, process CPU"].append(kernel.cpu_seconds())
        finally:
            kernel.close()
    kernel = Kernel(name, args.timeout)
    try:
        kernel.kc.wait_for_ready(timeout=args.timeout)
        cells = CELLS[name.partition("[")[0]]
        for _ in range(args.warmup):
            kernel.run(cells["trivial"])
            kernel.kernel_info()
        figures["trivial cell"] = [kernel.run(cells["trivial"])[0] for _ in range(args.runs)]
        figures["comment-only cell"] = [kernel.run(cells["comment"])[0]
                                        for _ in range(args.runs)]
        figures["kernel_info"] = [kernel.kernel_info() for _ in range(args.runs)]
        figures["print cell"] = []
        for _ in range(args.runs):
            seconds, outputs = kernel.run(cells["print"])
            if not any(m["msg_type"] == "stream" for m in outputs):
                raise RuntimeError(f"{name}: the print cell printed nothing")
            figures["print cell"].append(seconds)
        if name == "python3" and not has_matplotlib():
            figures["chart cell"] = None
        else:
            kernel.run(cells["chart_setup"])
            figures["chart cell"] = []
            for i in range(args.runs + 1):
                seconds, outputs = kernel.run(cells["chart"])
                if not any("image/png" in m["content"].get("data", {}) for m in outputs):
                    raise RuntimeError(f"{name}: the chart cell showed no image/png")
                if i > 0:  # the first one loads the chart library
                    figures["chart cell"].append(seconds)
        if args.fit and name.startswith("mtl4j"):
            figures["fit cell (in kernel)"] = []
            for _ in range(args.fit_runs):
                _, outputs = kernel.run(FIT_CELL % args.fit)
                millis = [m["content"]["data"]["text/plain"] for m in outputs
                          if m["msg_type"] == "execute_result"]
                figures["fit cell (in kernel)"].append(int(millis[0]) / 1000)
    finally:
        kernel.close()
    return figures


def cell(values):
    if values is None:
        return "n/a"
    return f"{percentile(values, 0.5) * 1000:.1f} / {percentile(values, 0.95) * 1000:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cold", type=int, default=5, help="cold starts per kernel (5)")
    parser.add_argument("--runs", type=int, default=50, help="timed runs per warm figure (50)")
    parser.add_argument("--warmup", type=int, default=50,
                        help="untimed warm-up rounds of a cell and a kernel_info (50)")
    parser.add_argument("--fit", type=int, default=0, metavar="EPOCHS",
                        help="also time a quiet() fit of EPOCHS epochs in the mtl4j kernel")
    parser.add_argument("--fit-runs", type=int, default=3, help="fit cells timed (3)")
    parser.add_argument("--kernels", default="mtl4j,python3",
                        help="kernelspec names, the first compared with the second;"
                             " mtl4j[OPTIONS] runs mtl4j with MTL4J_JVM_OPTS=OPTIONS")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per reply (120)")
    args = parser.parse_args()

    names = args.kernels.split(",")
    results = {name: measure(name, args) for name in names}
    rows = list(results[names[0]].keys())
    for name in names[1:]:
        rows += [r for r in results[name] if r not in rows]
    print(f"runs={args.runs} warmup={args.warmup} cold={args.cold}"
          + (f" fit={args.fit} epochs x {args.fit_runs}" if args.fit else ""))
    if "python3" in results and results["python3"].get("chart cell") is None:
        print("matplotlib is not installed: no chart figure for ipykernel")
    header = "| figure (ms, p50 / p95) | " + " | ".join(names) + " |"
    if len(names) > 1:
        header += f" ratio {names[0]}/{names[1]} (p50) |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for row in rows:
        values = [results[n].get(row) for n in names]
        line = f"| {row} | " + " | ".join(cell(v) for v in values) + " |"
        if len(names) > 1:
            a, b = values[0], values[1]
            line += (f" {percentile(a, 0.5) / percentile(b, 0.5):.2f} |" if a and b else " |")
        print(line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()

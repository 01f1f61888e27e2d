"""Warm `1+1` round trip (execute_request sent -> execute_reply received, jupyter_client) of two
installed mtl4j kernels, side by side: both kernels run at once and the cells alternate, so machine
load hits both alike. Prints p50/p95 per kernel and the ratio.

Usage: /usr/bin/python3 measure_warm_cell.py PREFIX_A PREFIX_B [CELLS]
where each PREFIX holds share/jupyter/kernels/mtl4j (from `java -jar mtl4j.jar install --prefix`).
"""
import os
import statistics
import sys
import time

from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager


def start(prefix):
    specs = KernelSpecManager(kernel_dirs=[os.path.join(prefix, "share/jupyter/kernels")])
    km = KernelManager(kernel_name="mtl4j", kernel_spec_manager=specs)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc


def round_trip(kc, code):
    began = time.perf_counter()
    reply = kc.execute(code, reply=True, timeout=60)
    elapsed = time.perf_counter() - began
    assert reply["content"]["status"] == "ok", reply["content"]
    return elapsed * 1000


def main():
    prefixes = sys.argv[1:3]
    cells = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    kernels = [start(p) for p in prefixes]
    try:
        for _, kc in kernels:
            for _ in range(15):  # warm-up
                round_trip(kc, "1+1")
        times = [[] for _ in kernels]
        for _ in range(cells):
            for i, (_, kc) in enumerate(kernels):
                times[i].append(round_trip(kc, "1+1"))
        p50 = []
        for prefix, samples in zip(prefixes, times):
            samples.sort()
            p50.append(statistics.median(samples))
            print(f"{prefix}: warm 1+1 p50 {p50[-1]:.1f} ms, p95 "
                  f"{samples[int(0.95 * (len(samples) - 1))]:.1f} ms ({len(samples)} cells)")
        print(f"ratio p50 B/A: {p50[1] / p50[0]:.2f}")
    finally:
        for km, kc in kernels:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()

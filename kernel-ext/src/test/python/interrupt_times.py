"""How long the mtl4j kernel takes to end an interrupted cell, per kind of code: a busy loop (stopped
after the grace time), a printing loop (its next print throws), Thread.sleep, fit() (between two
steps) and %maven against a repository that never answers (the resolution is cancelled).

Prints one line per case: median and max seconds from interrupt_request to execute_reply over
--reps runs. Used by test_kernel_robustness (one run per case) and by kernel-ext/interrupt-times.sh.
Run with JUPYTER_PATH pointing at a share/jupyter folder holding the mtl4j kernelspec.
"""
import argparse
import os
import socket
import statistics
import threading
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 60

SETUP = (
    "var stopData = SeedExample.table(4000, 2, 1);\n"
    "var stopModel = multiTask().input(numeric(\"x1\", \"x2\"))"
    ".trunk(dense(32), relu()).task(\"task1\").head(dense(1)).loss(mse()).build();")

# name -> (setup cell, the cell interrupted, seconds to let it run before the interrupt)
CASES = {
    "busy loop": ("long spins = 0;", "while (true) { spins++; }", 1.0),
    "printing loop": ("long printed = 0;", "while (true) { System.out.println(printed++); }",
                      1.0),
    "Thread.sleep": ("", "Thread.sleep(600_000);", 1.0),
    "fit()": (SETUP, "var stopRun = stopModel.fit(stopData, epochs(100000), batchSize(16));",
              3.0),
    "%maven (no answer)": ("", "%maven org.example.never:answers:1.0", 2.0),
}


class SilentRepository:
    """An HTTP 'repository' that accepts connections and never answers."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.held.append(self.server.accept()[0])
            except OSError:
                return

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.getsockname()[1]}/"

    def close(self):
        self.server.close()
        for connection in self.held:
            connection.close()


def start_kernel(repository_url):
    env = dict(os.environ, MTL4J_MAVEN_REPOSITORY=repository_url)
    return start_new_kernel(kernel_name="mtl4j", startup_timeout=TIMEOUT, env=env)


def wait_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            reply = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        except Exception:
            break
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]
    return None


def run(kc, code, timeout=TIMEOUT):
    return wait_reply(kc, kc.execute(code), timeout)


def time_interrupt(km, kc, case):
    """Runs a case, interrupts it; returns (seconds to the reply, reply content)."""
    setup, code, warmup = CASES[case]
    if setup:
        run(kc, setup)
    msg_id = kc.execute(code)
    time.sleep(warmup)
    started = time.monotonic()
    km.interrupt_kernel()
    reply = wait_reply(kc, msg_id, 30)
    return time.monotonic() - started, reply


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    repository = SilentRepository()
    km, kc = start_kernel(repository.url)
    try:
        print(f"{'case':<20} {'median s':>9} {'max s':>7}  ends with")
        for case in CASES:
            seconds, statuses = [], set()
            for _ in range(args.reps):
                elapsed, reply = time_interrupt(km, kc, case)
                seconds.append(elapsed)
                statuses.add("no reply" if reply is None
                             else reply.get("evalue", reply["status"]).split("\n")[0])
                run(kc, "1 + 1")
            print(f"{case:<20} {statistics.median(seconds):>9.3f} {max(seconds):>7.3f}  "
                  + "; ".join(sorted(statuses)))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        repository.close()


if __name__ == "__main__":
    main()

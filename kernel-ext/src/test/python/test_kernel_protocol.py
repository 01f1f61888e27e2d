"""Protocol behaviour of the mtl4j kernel through the real Jupyter client (jupyter_client):
interrupts (busy loop and fit), a message with a wrong signature, restart, a throwing renderer;
and, with raw ZeroMQ sockets (pyzmq), messages whose multipart framing is broken, on the shell
and the control channel.

Run with JUPYTER_PATH pointing at a share/jupyter folder holding the mtl4j kernelspec.
"""
import os
import signal
import queue
import time
import unittest

import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

from mtl4j_kernel import SharedKernelTestCase

TIMEOUT = 60
SNIPPET_THREADS = (
    'Thread.getAllStackTraces().keySet().stream()'
    '.filter(t -> t.getThreadGroup() != null'
    ' && t.getThreadGroup().getName().equals("JShell process local execution")'
    ' && t != Thread.currentThread()).count()'
)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class KernelProtocolTests(unittest.TestCase):

    def setUp(self):
        self.km, self.kc = start_new_kernel(kernel_name="mtl4j", startup_timeout=TIMEOUT)

    def tearDown(self):
        self.kc.stop_channels()
        if self.km.is_alive():
            self.km.shutdown_kernel(now=True)

    def execute(self, code, timeout=TIMEOUT):
        """Runs code; returns (reply content, text/plain of the result or None, outputs)."""
        msg_id = self.kc.execute(code)
        result, outputs = None, []
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            outputs.append(msg)
            if msg["msg_type"] == "execute_result":
                result = msg["content"]["data"].get("text/plain")
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        return reply["content"], result, outputs

    def wait_reply(self, msg_id, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                reply = self.kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
            except Exception:
                break
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]
        return None

    def interrupt_and_time(self, code, warmup, printed=None):
        """Runs code, waits `warmup` seconds (after `printed` appeared in its output, if given),
        interrupts; returns the reply and the seconds from the interrupt to the reply."""
        msg_id = self.kc.execute(code)
        if printed is not None:
            deadline = time.monotonic() + 120
            seen = ""
            while printed not in seen and time.monotonic() < deadline:
                try:
                    msg = self.kc.get_iopub_msg(timeout=1)
                except queue.Empty:
                    continue
                if (msg["parent_header"].get("msg_id") == msg_id
                        and msg["msg_type"] == "stream"):
                    seen += msg["content"]["text"]
            self.assertIn(printed, seen, "the cell never printed what the test waits for")
        time.sleep(warmup)
        started = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.wait_reply(msg_id, 10)
        return reply, time.monotonic() - started

    def test_interrupt_ends_a_busy_loop_and_its_thread(self):
        self.execute("int spins = 0;")
        reply, seconds = self.interrupt_and_time("while (true) { spins++; }", warmup=1.5)

        self.assertIsNotNone(reply, "no execute_reply after the interrupt")
        self.assertEqual(reply["status"], "error")
        self.assertLess(seconds, 2.0)
        _, threads, _ = self.execute(SNIPPET_THREADS)
        self.assertEqual(threads, "0")
        pid = self.km.provisioner.process.pid
        # a spinning loop burns ~1 CPU-s every second; the JIT finishing its work only for a while
        busiest = []
        for _ in range(5):
            before = cpu_seconds(pid)
            time.sleep(1.0)
            busiest.append(cpu_seconds(pid) - before)
            if busiest[-1] < 0.3:
                break
        self.assertLess(min(busiest), 0.3, f"the interrupted loop still burns CPU: {busiest}")
        _, value, _ = self.execute("1 + 1")
        self.assertEqual(value, "2")

    def test_interrupt_stops_fit_between_steps_and_keeps_completed_epochs(self):
        self.execute(
            "var data = SeedExample.table(4000, 5, 1);\n"
            "var model = multiTask().input(numeric(\"x1\", \"x2\", \"x3\"))"
            ".trunk(dense(64), relu()).task(\"task1\").head(dense(1)).loss(mse())"
            ".task(\"task2\").head(dense(1)).loss(mse()).build();")
        # interrupted once an epoch has ended, however slow the machine
        reply, seconds = self.interrupt_and_time(
            "var run = model.fit(data, epochs(100000), batchSize(16), quiet(),"
            " listener(new FitListener() { boolean told; public void epochEnded(EpochRecord e,"
            " TrainingHistory h) { if (!told) { told = true;"
            " System.out.println(\"an epoch ended\"); } } }));",
            warmup=0.5, printed="an epoch ended")

        self.assertIsNotNone(reply)
        self.assertEqual(reply["status"], "error")
        self.assertIn("Interrupted", reply["evalue"])
        self.assertLess(seconds, 2.0)
        _, value, _ = self.execute(
            "run.interrupted() + \" \" + (run.epochsRun() == model.history().epochs().size())"
            " + \" \" + (run.epochsRun() > 0)")
        self.assertEqual(value, "true true true")
        _, threads, _ = self.execute(SNIPPET_THREADS)
        self.assertEqual(threads, "0")
        _, value, _ = self.execute("model.predict(data).rowCount()")
        self.assertEqual(value, "4000")

    def test_interrupting_a_printing_loop_again_and_again_keeps_the_kernel_answering(self):
        for attempt in range(3):
            reply, seconds = self.interrupt_and_time(
                "long n = 0;\nwhile (true) { System.out.println(n++); }", warmup=1.0)
            self.assertIsNotNone(reply, f"no reply after interrupt {attempt + 1}")
            self.assertEqual(reply["status"], "error")
            self.assertLess(seconds, 2.0)
            _, value, _ = self.execute("40 + 2")
            self.assertEqual(value, "42", f"after interrupt {attempt + 1}")

    def test_interrupting_a_fit_with_its_live_view_keeps_the_view_and_the_kernel(self):
        self.execute(
            "var data = SeedExample.table(4000, 2, 1);\n"
            "var model = multiTask().input(numeric(\"x1\", \"x2\"))"
            ".trunk(dense(32), relu()).task(\"task1\").head(dense(1)).loss(mse()).build();")
        msg_id = self.kc.execute("var run = model.fit(data, epochs(100000), batchSize(16));")
        time.sleep(4.0)
        self.km.interrupt_kernel()
        reply = self.wait_reply(msg_id, 10)

        self.assertIsNotNone(reply)
        self.assertEqual(reply["status"], "error")
        _, value, _ = self.execute("run.interrupted() + \" \" + run.epochsRun()")
        self.assertTrue(value.startswith("true "), value)
        for attempt in range(2):
            _, value, _ = self.execute("1 + 1")
            self.assertEqual(value, "2")

    def test_cells_queued_after_a_failing_cell_are_aborted(self):
        failing = self.kc.execute('throw new IllegalStateException("stop here");')
        queued = [self.kc.execute("int afterFailure = 1;"), self.kc.execute("2 + 2")]

        self.assertEqual(self.wait_reply(failing, 30)["status"], "error")
        for msg_id in queued:
            self.assertEqual(self.wait_reply(msg_id, 30)["status"], "aborted")
        reply, _, _ = self.execute("afterFailure")
        self.assertEqual(reply["status"], "error", "the aborted cell must not have run")
        _, value, _ = self.execute("2 + 2")
        self.assertEqual(value, "4")

    def test_errors_thrown_as_java_errors_get_an_error_reply(self):
        reply, _, outputs = self.execute("int down(int n) { return down(n + 1) + 1; }\ndown(0)")

        self.assertEqual(reply["status"], "error")
        self.assertIn("StackOverflowError", reply["evalue"])
        _, value, _ = self.execute("1 + 1")
        self.assertEqual(value, "2")

    def test_sigint_interrupts_like_an_interrupt_request(self):
        msg_id = self.kc.execute("while (true) { }")
        time.sleep(1.5)
        started = time.monotonic()
        os.kill(self.km.provisioner.process.pid, signal.SIGINT)
        reply = self.wait_reply(msg_id, 10)

        self.assertIsNotNone(reply, "the kernel did not answer after SIGINT")
        self.assertEqual(reply["status"], "error")
        self.assertLess(time.monotonic() - started, 2.0)
        _, value, _ = self.execute("1 + 1")
        self.assertEqual(value, "2")

    def test_sockets_bind_only_to_the_connection_files_address(self):
        info = self.km.get_connection_info()
        ports = {info[name] for name in
                 ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")}
        self.assertEqual(info["ip"], "127.0.0.1")
        loopback = {"0100007F", "0000000000000000FFFF00000100007F"}  # IPv4, IPv4-mapped IPv6
        listening = {}
        for name in ("/proc/net/tcp", "/proc/net/tcp6"):
            with open(name) as table:
                for line in table.readlines()[1:]:
                    fields = line.split()
                    address, port = fields[1].split(":")
                    if fields[3] == "0A":  # LISTEN
                        listening.setdefault(int(port, 16), set()).add(address)
        for port in ports:
            self.assertTrue(listening.get(port), f"nothing listens on port {port}")
            self.assertLessEqual(listening[port], loopback, f"port {port}")

    def test_a_message_with_a_wrong_signature_is_not_executed(self):
        forged = Session(key=b"not-the-kernel-key", username="intruder")
        forged.send(self.kc.shell_channel.socket, "execute_request",
                    {"code": 'System.setProperty("forged", "yes");', "silent": False,
                     "store_history": True, "user_expressions": {}, "allow_stdin": False,
                     "stop_on_error": True})
        time.sleep(1.0)

        _, value, _ = self.execute('String.valueOf(System.getProperty("forged"))')
        self.assertEqual(value, "null")
        info = self.kc.kernel_info(reply=True, timeout=TIMEOUT)
        self.assertEqual(info["content"]["status"], "ok")

    def test_restart_gives_a_fresh_working_kernel(self):
        self.execute("int remembered = 5;")
        _, value, _ = self.execute("remembered")
        self.assertEqual(value, "5")

        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=TIMEOUT)

        reply, _, _ = self.execute("remembered")
        self.assertEqual(reply["status"], "error")
        _, value, _ = self.execute("dense(3)")
        self.assertEqual(value, "dense(3)")

    def test_a_renderer_that_throws_falls_back_to_text(self):
        self.execute(
            "record Boom(int n) {}\n"
            "org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel().getRenderer()"
            ".createRegistration(Boom.class).preferring(\"text/html\")"
            ".register((b, ctx) -> { throw new IllegalStateException(\"bad renderer\"); });")

        reply, value, _ = self.execute("new Boom(7)")

        self.assertEqual(reply["status"], "ok")
        self.assertIn("Boom[n=7]", value)
        self.assertIn("rendering failed: IllegalStateException: bad renderer", value)
        reply, _, outputs = self.execute("display(new Boom(8));")
        self.assertEqual(reply["status"], "ok")
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1)
        self.assertIn("Boom[n=8]", shown[0]["content"]["data"]["text/plain"])

    def test_display_returns_an_id_that_update_display_replaces(self):
        reply, _, outputs = self.execute(
            'String id = display("first");\nupdateDisplay(id, "second");')

        self.assertEqual(reply["status"], "ok")
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        updated = [m for m in outputs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(shown), 1)
        self.assertEqual(len(updated), 1)
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertEqual(updated[0]["content"]["transient"]["display_id"], display_id)
        self.assertEqual(updated[0]["content"]["data"]["text/plain"], "second")

    def test_a_cell_ending_in_display_shows_no_display_id_as_its_value(self):
        reply, value, outputs = self.execute('int n = 2;\ndisplay("shown " + n);')

        self.assertEqual(reply["status"], "ok")
        self.assertIsNone(value)
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        self.assertEqual([m["content"]["data"]["text/plain"] for m in shown], ["shown 2"])
        _, id_value, _ = self.execute('String id = display("again");\nid')
        self.assertIsNotNone(id_value)

    def test_comm_info_and_graceful_shutdown(self):
        info = self.kc.comm_info(reply=True, timeout=TIMEOUT)
        self.assertEqual(info["content"]["status"], "ok")
        self.assertEqual(info["content"]["comms"], {})

        process = self.km.provisioner.process
        self.kc.shutdown()  # on the control channel
        reply = self.kc.get_control_msg(timeout=TIMEOUT)
        self.assertEqual(reply["msg_type"], "shutdown_reply")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(process.wait(timeout=30), 0)

    def test_errors_are_readable_java_traces_without_kernel_frames(self):
        reply, _, outputs = self.execute("int zero = 0;\nint boom = 1 / zero;")

        self.assertEqual(reply["status"], "error")
        error = [m for m in outputs if m["msg_type"] == "error"][0]["content"]
        trace = "\n".join(error["traceback"])
        self.assertIn("java.lang.ArithmeticException: / by zero", trace)
        self.assertNotIn("jdk.jshell", trace)
        self.assertNotIn("org.mtl4j.kernel", trace)
        reply, _, outputs = self.execute("int y = undefinedThing + 1;")
        self.assertEqual(reply["status"], "error")
        error = [m for m in outputs if m["msg_type"] == "error"][0]["content"]
        self.assertIn("cannot find symbol", "\n".join(error["traceback"]))


class RawChannel:
    """A DEALER socket of our own on the kernel's shell or control port, speaking through a
    Session with the connection's key (or with a wrong one)."""

    def __init__(self, km, channel, key=None):
        info = km.get_connection_info()
        self.socket = zmq.Context.instance().socket(zmq.DEALER)
        self.socket.linger = 0
        self.socket.connect(f"{info['transport']}://{info['ip']}:{info[channel + '_port']}")
        self.session = Session(key=info["key"] if key is None else key,
                               signature_scheme=info["signature_scheme"])

    def send_frames(self, frames):
        self.socket.send_multipart(frames)

    def request(self, msg_type, content=None):
        return self.session.send(self.socket, msg_type, content or {})["header"]["msg_id"]

    def reply(self, msg_id, timeout):
        """The reply to msg_id on this socket, or None; fails on a reply to anything else."""
        deadline = time.monotonic() + timeout
        while self.socket.poll(max(1, int((deadline - time.monotonic()) * 1000))):
            _, frames = self.session.feed_identities(self.socket.recv_multipart())
            msg = self.session.deserialize(frames)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
            raise AssertionError(f"a reply to another request arrived here: {msg}")
        return None

    def silent(self, seconds):
        """Whether nothing at all arrives on this socket for `seconds`."""
        return not self.socket.poll(int(seconds * 1000))

    def close(self):
        self.socket.close()


BROKEN_FRAMINGS = {
    "delimiter and one frame": [b"<IDS|MSG>", b"abc"],
    "no delimiter": [b"hello", b"world"],
    "delimiter only": [b"<IDS|MSG>"],
    "one empty frame": [b""],
    "four frames after the delimiter": [b"<IDS|MSG>", b"sig", b"{}", b"{}", b"{}"],
}


class MalformedFramingTests(SharedKernelTestCase):
    """Every broken framing, on shell and on control, is dropped without touching the next
    request: the next request on the same socket is answered there, and a request on the
    client's own socket is answered on that socket."""

    def setUp(self):
        self.raw = {channel: RawChannel(self.km, channel) for channel in ("shell", "control")}

    def tearDown(self):
        for raw in self.raw.values():
            raw.close()

    def client_request(self, channel, msg_type):
        """Sends msg_type on the jupyter_client's own shell or control socket."""
        msg = self.kc.session.msg(msg_type, {})
        (self.kc.shell_channel if channel == "shell" else self.kc.control_channel).send(msg)
        return msg["header"]["msg_id"]

    def client_reply(self, channel, msg_id):
        get = self.kc.get_shell_msg if channel == "shell" else self.kc.get_control_msg
        reply = get(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:  # earlier requests of this client
            reply = get(timeout=TIMEOUT)
        return reply

    def test_each_broken_framing_leaves_the_next_request_answered_on_its_socket(self):
        for channel, raw in self.raw.items():
            for name, frames in BROKEN_FRAMINGS.items():
                with self.subTest(channel=channel, framing=name):
                    raw.send_frames(frames)
                    msg_id = raw.request("kernel_info_request")
                    reply = raw.reply(msg_id, TIMEOUT)
                    self.assertIsNotNone(reply, "the request after it was swallowed")
                    self.assertEqual(reply["msg_type"], "kernel_info_reply")
                    self.assertEqual(reply["content"]["status"], "ok")

    def test_a_request_on_another_socket_is_answered_there_after_a_broken_framing(self):
        for channel, raw in self.raw.items():
            for name, frames in BROKEN_FRAMINGS.items():
                with self.subTest(channel=channel, framing=name):
                    raw.send_frames(frames)
                    msg_id = self.client_request(channel, "kernel_info_request")
                    reply = self.client_reply(channel, msg_id)
                    self.assertEqual(reply["msg_type"], "kernel_info_reply")
                    self.assertTrue(raw.silent(0.3), "a reply went to the wrong socket")

    def test_a_cell_runs_once_after_broken_framings_and_iopub_keeps_its_order(self):
        for raw in self.raw.values():
            for frames in BROKEN_FRAMINGS.values():
                raw.send_frames(frames)
        msg_id = self.raw["shell"].request("execute_request", {
            "code": "int framingRuns = 0;\nframingRuns++;\nframingRuns", "silent": False,
            "store_history": True, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True})

        reply = self.raw["shell"].reply(msg_id, TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        kinds = []
        while not kinds or kinds[-1] != "idle":
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status":
                kind = msg["content"]["execution_state"]
            if kind == "execute_result":
                self.assertEqual(msg["content"]["data"]["text/plain"], "1")
            kinds.append(kind)
        self.assertEqual(kinds, ["busy", "execute_input", "execute_result", "idle"])

    def test_wrongly_signed_requests_are_dropped_on_both_channels(self):
        for channel in ("shell", "control"):
            with self.subTest(channel=channel):
                forged = RawChannel(self.km, channel, key=b"not-the-kernel-key")
                try:
                    msg_id = forged.request("kernel_info_request")
                    self.assertTrue(forged.silent(1.0), "a forged request was answered")
                    self.assertIsNone(forged.reply(msg_id, 0.1))
                finally:
                    forged.close()
                msg_id = self.raw[channel].request("kernel_info_request")
                self.assertIsNotNone(self.raw[channel].reply(msg_id, TIMEOUT))

    def test_a_request_with_binary_buffers_is_answered(self):
        raw = self.raw["shell"]
        msg = raw.session.msg("kernel_info_request", {})
        raw.session.send(raw.socket, msg, buffers=[b"\x00\x01", b"more"])
        reply = raw.reply(msg["header"]["msg_id"], TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")

    def test_an_unreadable_but_signed_request_is_dropped(self):
        raw = self.raw["shell"]
        parts = [b"not json", b"{}", b"{}", b"{}"]
        signature = raw.session.sign(parts)
        raw.send_frames([b"<IDS|MSG>", signature] + parts)
        raw.send_frames([b"<IDS|MSG>", raw.session.sign([b"{}"] * 4)] + [b"{}"] * 4)
        msg_id = raw.request("kernel_info_request")
        self.assertEqual(raw.reply(msg_id, TIMEOUT)["msg_type"], "kernel_info_reply")


if __name__ == "__main__":
    unittest.main()

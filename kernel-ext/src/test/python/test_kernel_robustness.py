"""Robustness of the mtl4j kernel through the real Jupyter client (jupyter_client): output after
an interrupt, stop-on-error by arrival order whatever the front end's clock, the interrupt policy
(cooperative for mtl4j/DJL code, stop only for code that ignores interrupts), interruptible
magics, and a compact StackOverflowError trace.

Run with JUPYTER_PATH pointing at a share/jupyter folder holding the mtl4j kernelspec.
"""
import datetime
import time
import unittest

import interrupt_times

TIMEOUT = 60


class KernelRobustnessTests(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.repository = interrupt_times.SilentRepository()
        cls.km, cls.kc = interrupt_times.start_kernel(cls.repository.url)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)
        cls.repository.close()

    def send_execute(self, code, clock_skew=datetime.timedelta(0)):
        """Sends an execute_request whose header date is off by clock_skew; returns its id."""
        msg = self.kc.session.msg("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        msg["header"]["date"] = datetime.datetime.now(datetime.timezone.utc) + clock_skew
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def replies(self, msg_ids, timeout=TIMEOUT):
        """The shell replies' contents for msg_ids, by id."""
        found, deadline = {}, time.monotonic() + timeout
        while len(found) < len(msg_ids) and time.monotonic() < deadline:
            try:
                reply = self.kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
            except Exception:
                break
            parent = reply["parent_header"].get("msg_id")
            if parent in msg_ids:
                found[parent] = reply["content"]
        return found

    def iopub_until_idle(self, msg_id, timeout=TIMEOUT):
        """The iopub messages caused by msg_id, up to its idle status."""
        outputs, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            outputs.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        return outputs

    def execute(self, code, timeout=TIMEOUT):
        """Runs code; returns (reply content, text/plain of the result or None, iopub)."""
        msg_id = self.kc.execute(code)
        outputs = self.iopub_until_idle(msg_id, timeout)
        reply = self.replies([msg_id], timeout)[msg_id]
        results = [m["content"]["data"].get("text/plain") for m in outputs
                   if m["msg_type"] == "execute_result"]
        return reply, results[0] if results else None, outputs

    # item: output is never dropped because of an interrupt

    def test_an_interrupted_fit_shows_its_final_interrupted_state(self):
        self.execute(
            "var liveData = SeedExample.table(4000, 2, 1);\n"
            "var liveModel = multiTask().input(numeric(\"x1\", \"x2\"))"
            ".trunk(dense(32), relu()).task(\"task1\").head(dense(1)).loss(mse()).build();")
        msg_id = self.kc.execute(
            "var liveRun = liveModel.fit(liveData, epochs(100000), batchSize(16));")
        time.sleep(4.0)
        self.km.interrupt_kernel()
        outputs = self.iopub_until_idle(msg_id)
        reply = self.replies([msg_id])[msg_id]

        self.assertEqual(reply["status"], "error")
        displays = [m for m in outputs
                    if m["msg_type"] in ("display_data", "update_display_data")]
        self.assertTrue(displays, "no live view at all")
        # the view is two displays (progress text, then charts): follow the progress one
        progress_id = displays[0]["content"]["transient"]["display_id"]
        views = [m["content"]["data"]["text/plain"] for m in displays
                 if m["content"]["transient"]["display_id"] == progress_id]
        self.assertIn("Interrupted after", views[-1], "the final view state never arrived")
        _, value, _ = self.execute("liveRun.interrupted() + \" \" + liveRun.epochsRun()")
        epochs = int(value.split(" ")[1])
        self.assertIn(f"Interrupted after {epochs} of ", views[-1])

    def test_output_sent_with_the_interrupt_flag_set_arrives(self):
        reply, _, outputs = self.execute(
            'boolean stillSet = false;\n'
            '{\n'  # one snippet: JShell runs each snippet on a thread of its own
            '    Thread.currentThread().interrupt();\n'
            '    String flagged = display("shown while interrupted");\n'
            '    updateDisplay(flagged, "updated while interrupted");\n'
            '    System.out.println("printed while interrupted");\n'
            '    stillSet = Thread.interrupted();\n'
            '}\n'
            'stillSet')

        self.assertEqual(reply["status"], "ok")
        texts = [m["content"]["data"]["text/plain"] for m in outputs
                 if m["msg_type"] in ("display_data", "update_display_data")]
        self.assertEqual(texts, ["shown while interrupted", "updated while interrupted"])
        printed = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertIn("printed while interrupted", printed)
        results = [m["content"]["data"]["text/plain"] for m in outputs
                   if m["msg_type"] == "execute_result"]
        self.assertEqual(results, ["true"], "the caller's interrupt flag was not kept")

    # item: queued cells after an error are aborted in arrival order, not by clock

    def test_stop_on_error_aborts_what_had_arrived_whatever_the_header_dates(self):
        hour = datetime.timedelta(hours=1)
        self.kc.complete("Syst", 4, reply=True, timeout=TIMEOUT)  # the first one takes a second
        failing = self.send_execute(
            'Thread.sleep(1500); throw new IllegalStateException("stop here");', +hour)
        queued_past = self.send_execute("int queuedPast = 1;", -hour)
        queued_future = self.send_execute("int queuedFuture = 1;", +hour)
        self.kc.complete("Syst", 4)  # a request of another kind waiting behind them

        got = self.replies([failing, queued_past, queued_future])
        self.assertEqual(got[failing]["status"], "error")
        self.assertEqual(got[queued_past]["status"], "aborted")
        self.assertEqual(got[queued_future]["status"], "aborted")

        time.sleep(0.5)  # the failure has been answered: what is sent now is fresh
        fresh_past = self.send_execute("int freshPast = 7;", -hour)
        self.assertEqual(self.replies([fresh_past])[fresh_past]["status"], "ok",
                         "a cell from a front end whose clock runs behind was aborted")
        fresh_future = self.send_execute("int freshFuture = 8;", +hour)
        self.assertEqual(self.replies([fresh_future])[fresh_future]["status"], "ok")
        _, value, _ = self.execute("freshPast + freshFuture")
        self.assertEqual(value, "15")
        reply, _, _ = self.execute("queuedPast + queuedFuture")
        self.assertEqual(reply["status"], "error", "an aborted cell ran")

    def test_without_stop_on_error_queued_cells_run(self):
        failing = self.kc.execute('throw new IllegalStateException("no stop");',
                                  stop_on_error=False)
        queued = self.kc.execute("int ranAnyway = 3;")
        got = self.replies([failing, queued])
        self.assertEqual(got[failing]["status"], "error")
        self.assertEqual(got[queued]["status"], "ok")

    # item: one interrupt policy; every kind of code ends, magics included

    def interrupt(self, case):
        seconds, reply = interrupt_times.time_interrupt(self.km, self.kc, case)
        print(f"\n{case}: ended {seconds:.3f} s after the interrupt")
        self.assertIsNotNone(reply, f"{case}: no reply after the interrupt")
        self.assertEqual(reply["status"], "error")
        self.assertIn("Interrupted", reply["evalue"])
        self.assertLess(seconds, 10.0)
        _, value, _ = self.execute("1 + 1")
        self.assertEqual(value, "2", f"the kernel after interrupting {case}")
        return reply

    def test_a_busy_loop_is_stopped(self):
        self.interrupt("busy loop")
        _, value, _ = self.execute("spins > 0")
        self.assertEqual(value, "true")

    def test_a_printing_loop_ends_at_its_next_print(self):
        self.interrupt("printing loop")

    def test_a_sleep_ends_at_once(self):
        self.interrupt("Thread.sleep")

    def test_fit_ends_cooperatively_between_steps(self):
        self.interrupt("fit()")
        _, value, _ = self.execute(
            "stopRun.interrupted() + \" \" + (stopRun.epochsRun() == stopModel.history()"
            ".epochs().size())")
        self.assertEqual(value, "true true", "fit() did not return by itself")
        _, value, _ = self.execute("stopModel.predict(stopData).rowCount()")
        self.assertEqual(value, "4000")

    def test_maven_resolution_is_cancelled(self):
        reply = self.interrupt("%maven (no answer)")
        self.assertIn("%maven was cancelled", reply["evalue"])

    def test_time_magic_is_interruptible(self):
        msg_id = self.kc.execute("%time Thread.sleep(600_000);")
        time.sleep(1.0)
        self.km.interrupt_kernel()
        outputs = self.iopub_until_idle(msg_id, 30)
        self.assertEqual(self.replies([msg_id], 30)[msg_id]["status"], "error")
        printed = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertIn("Wall time:", printed)

    # item: a StackOverflowError's trace is compact

    def test_a_stack_overflow_trace_names_the_repeated_frame_once(self):
        reply, _, outputs = self.execute(
            "int deeper(int n) { return deeper(n + 1) + 1; }\ndeeper(0)")

        self.assertEqual(reply["status"], "error")
        trace = [m for m in outputs if m["msg_type"] == "error"][0]["content"]["traceback"]
        self.assertLess(len(trace), 10, "\n".join(trace))
        text = "\n".join(trace)
        self.assertIn("java.lang.StackOverflowError", text)
        self.assertRegex(text, r"\.\.\. \d{3,} more frames of deeper\(#\d+:1\) repeated")
        _, value, _ = self.execute("1 + 1")
        self.assertEqual(value, "2")


if __name__ == "__main__":
    unittest.main()

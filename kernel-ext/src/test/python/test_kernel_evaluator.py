"""Evaluation, completion and inspection of the mtl4j kernel through jupyter_client: is_complete
for invalid code, System.exit refused, output of threads that outlive their cell, completion and
inspect anywhere in a cell, and javadoc for mtl4j, DJL, Tablesaw, XChart and the JDK.

Run with JUPYTER_PATH pointing at a share/jupyter folder holding the mtl4j kernelspec.
"""
import time
import unittest

from mtl4j_kernel import SharedKernelTestCase


class KernelEvaluatorTests(SharedKernelTestCase):

    def is_complete(self, code):
        self.kc.is_complete(code)
        return self.kc.get_shell_msg(timeout=self.timeout)["content"]

    def complete(self, code, cursor=None):
        cursor = len(code) if cursor is None else cursor
        self.kc.complete(code, cursor)
        return self.kc.get_shell_msg(timeout=self.timeout)["content"]

    def inspect(self, code, cursor=None):
        cursor = len(code) if cursor is None else cursor
        self.kc.inspect(code, cursor)
        reply = self.kc.get_shell_msg(timeout=self.timeout)["content"]
        self.assertEqual(reply["status"], "ok", reply)
        self.assertTrue(reply["found"], reply)
        return reply["data"]["text/plain"]

    def test_is_complete_tells_invalid_from_unfinished_code(self):
        for code in ["1 +* 2;", "int 1x = 3;", "class {"]:
            self.assertEqual(self.is_complete(code)["status"], "invalid", code)
        unfinished = self.is_complete("for (int i = 0; i < 3; i++) {")
        self.assertEqual(unfinished["status"], "incomplete")
        for code in ["int x = 3;", "1 + 1", "import java.util.*;\nList.of(1)",
                     "void twice(int x) { System.out.println(2 * x); }"]:
            self.assertEqual(self.is_complete(code)["status"], "complete", code)

    def test_system_exit_is_refused_and_the_kernel_answers_the_next_cell(self):
        for code, call in [("System.exit(0);", "System.exit(0)"),
                           ("Runtime.getRuntime().halt(1);", "Runtime.getRuntime().halt(1)")]:
            reply, _ = self.run_cell(code)
            self.assertEqual(reply["status"], "error")
            self.assertIn("java.lang.IllegalStateException: " + call + " was refused: it would end the kernel", reply["evalue"])
            self.assertIn("Kernel > Restart", reply["evalue"])
        self.assertTrue(self.km.is_alive())
        reply, outputs = self.run_cell("6 * 7")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(self.result_text(outputs), "42")

    def test_a_thread_printing_after_its_cell_ended_reaches_the_notebook(self):
        reply = self.kc.execute_interactive(
            "Thread printer = new Thread(() -> {\n"
            "    try { Thread.sleep(300); } catch (InterruptedException e) { return; }\n"
            "    for (int i = 1; i <= 30; i++) {\n"
            "        System.out.println(\"thread line \" + i);\n"
            "        try { Thread.sleep(10); } catch (InterruptedException e) { return; }\n"
            "    }\n"
            "});\n"
            "printer.start();", timeout=self.timeout, output_hook=lambda msg: None)
        self.assertEqual(reply["content"]["status"], "ok", reply)
        cell = reply["parent_header"]["msg_id"]
        lines, parents = [], set()
        deadline = time.monotonic() + 30
        while len(lines) < 30 and time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=1)
            except Exception:
                continue
            if msg["msg_type"] == "stream" and "thread line" in msg["content"]["text"]:
                lines += [l for l in msg["content"]["text"].splitlines() if l]
                parents.add(msg["parent_header"].get("msg_id"))
        self.assertEqual(lines, [f"thread line {i}" for i in range(1, 31)])
        self.assertEqual(parents, {cell}, "no other cell ran: the lines go to the thread's cell")

    def test_completion_after_an_import_in_the_same_cell(self):
        code = "import java.util.*;\nSystem.out.printl"
        reply = self.complete(code)
        self.assertEqual(reply["status"], "ok")
        self.assertIn("println(", reply["matches"])
        self.assertEqual(reply["cursor_start"], len(code) - len("printl"))
        self.assertEqual(reply["cursor_end"], len(code))

    def test_completion_lists_the_dsls_methods_without_object_noise_or_internals(self):
        matches = self.complete("multiTask().")["matches"]
        self.assertIn("task(", matches)
        self.assertIn("toString()", matches)
        for noise in ["equals(", "hashCode()", "getClass()", "wait(", "notify()",
                      "notifyAll()", "spec()"]:
            self.assertNotIn(noise, matches)
        top = self.complete("de")["matches"]
        self.assertEqual(top[0], "dense(", top)

    def test_inspect_shows_javadoc_of_mtl4j_djl_tablesaw_xchart_and_the_jdk(self):
        self.assertIn("Starts a model declaration.", self.inspect("multiTask"))
        self.assertIn("Creates a new top-level NDManager",
                      self.inspect("ai.djl.ndarray.NDManager.newBaseManager"))
        self.assertIn("Returns a new, empty table", self.inspect("Table.create"))
        self.assertIn("A Series object that you can set properties on",
                      self.inspect("new org.knowm.xchart.XYChart(400, 300).addSeries"))
        self.assertIn("Returns the string representation", self.inspect("String.valueOf"),
                      "the JDK's javadoc comes from its lib/src.zip: on Debian install the"
                      " package openjdk-17-source (.ci/install does)")

    def test_inspect_anywhere_in_a_cell(self):
        code = "import java.util.*;\nvar t = Table.create(\"x\");\nint n = 3;"
        text = self.inspect(code, code.index("create") + 3)
        self.assertIn("Table Table.create(String tableName)", text)
        self.assertIn("Returns a new, empty table", text)

    def test_a_value_cell_returns_the_object_itself(self):
        reply, outputs = self.run_cell("var names = new ArrayList<>(List.of(\"a\", \"b\"));\nnames")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(self.result_text(outputs), "[a, b]")

    def test_a_method_named_like_a_dsl_function_keeps_earlier_cells_working(self):
        reply, _ = self.run_cell("var chosen = List.of(auc(), accuracy());\nint kept = 7;")
        self.assertEqual(reply["status"], "ok", reply)
        reply, _ = self.run_cell(
            "double auc(double[] scores, int[] labels) { return scores.length; }")
        self.assertEqual(reply["status"], "ok", reply)
        reply, outputs = self.run_cell(
            "chosen.size() + \" \" + kept + \" \" + auc(new double[2], new int[2])"
            " + \" \" + auc().getClass().getSimpleName()")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(self.result_text(outputs), "2 7 2.0 Auc")
        reply, _ = self.run_cell("Object accuracy() { return null; }")
        self.assertEqual(reply["status"], "error")
        self.assertIn("Give your method another name, e.g. myAccuracy(...)", reply["evalue"])
        reply, outputs = self.run_cell("chosen.size()")
        self.assertEqual(self.result_text(outputs), "2")


if __name__ == "__main__":
    unittest.main()

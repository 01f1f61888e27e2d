"""Magics of the mtl4j kernel through jupyter_client: %maven (transitive, from the local
repository or Maven Central), %classpath, %load, %time and %%time.

Run with JUPYTER_PATH pointing at a share/jupyter folder holding the mtl4j kernelspec.
"""
import os
import tempfile
import unittest

from mtl4j_kernel import SharedKernelTestCase


class KernelMagicTests(SharedKernelTestCase):

    def run_cell(self, code):
        """Runs code; returns the reply content, the printed text and the result's text."""
        reply, outputs = super().run_cell(code)
        return reply, self.stream_text(outputs), self.result_text(outputs)

    def test_maven_resolves_transitively_and_the_classes_work(self):
        reply, text, _ = self.run_cell("%maven org.apache.commons:commons-configuration2:2.9.0")
        self.assertEqual(reply["status"], "ok", reply)
        added = int(text.split("Added ")[1].split(" ")[0])
        self.assertGreaterEqual(added, 3, text)

        reply, _, value = self.run_cell(
            "var config = new org.apache.commons.configuration2.BaseConfiguration();\n"
            "config.addProperty(\"epochs\", 20);\n"
            "config.getInt(\"epochs\")")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(value, "20")

    def test_maven_rejects_bad_coordinates_with_the_expected_format(self):
        reply, _, _ = self.run_cell("%maven not-a-coordinate")
        self.assertEqual(reply["status"], "error")
        self.assertIn("is not a Maven coordinate. Expected groupId:artifactId:version",
                      reply["evalue"])

    def test_classpath_and_load(self):
        with tempfile.TemporaryDirectory() as folder:
            script = os.path.join(folder, "setup.jsh")
            with open(script, "w") as out:
                out.write("int loadedValue = 41;\nString greet(String who) { return \"hi \" + who; }\n")
            reply, _, _ = self.run_cell(f"%load {script}")
            self.assertEqual(reply["status"], "ok", reply)
            _, _, value = self.run_cell('greet("mtl4j") + (loadedValue + 1)')
            self.assertEqual(value, "hi mtl4j42")

            reply, _, _ = self.run_cell(f"%classpath {folder}/nothing-*.jar")
            self.assertEqual(reply["status"], "error")
            self.assertIn("matches no file", reply["evalue"])

    def test_time_reports_wall_time_and_keeps_the_value(self):
        reply, text, value = self.run_cell("%time 20 + 22")
        self.assertEqual(reply["status"], "ok")
        self.assertIn("Wall time:", text)
        self.assertEqual(value, "42")
        reply, text, value = self.run_cell("%%time\nint a = 2;\na * 21")
        self.assertIn("Wall time:", text)
        self.assertEqual(value, "42")

    def test_unknown_magic_names_the_known_ones(self):
        reply, _, _ = self.run_cell("%nope")
        self.assertEqual(reply["status"], "error")
        self.assertIn("Unknown magic %nope. Known: [%%time, %classpath, %load, %maven, %time]",
                      reply["evalue"])


if __name__ == "__main__":
    unittest.main()

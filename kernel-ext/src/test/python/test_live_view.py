"""The live training view through jupyter_client: two displays, the progress (created when fit()
starts) and the charts (created with the first data), each updated in place
(update_display_data with its display id), the charts only when redrawn; the progress ends with
the view's own cost. Prints the measured cost of the view and what it sent.

Run with JUPYTER_PATH pointing at a share/jupyter folder holding the mtl4j kernelspec.
"""
import re
import unittest

from mtl4j_kernel import SharedKernelTestCase


class LiveViewTests(SharedKernelTestCase):

    def test_fit_shows_progress_and_charts_as_two_displays_updated_in_place(self):
        reply, outputs = self.run_cell(
            "var data = SeedExample.table(6000, 3, 1);\n"
            "var model = multiTask().input(numeric(\"x1\", \"x2\", \"x3\", \"x4\"))"
            ".trunk(dense(32), relu()).task(\"task1\").head(dense(1)).loss(mse())"
            ".task(\"task2\").head(dense(1)).loss(mse())"
            ".task(\"task3\").head(dense(1)).loss(mse()).build();\n"
            "var run = model.fit(data, epochs(30), batchSize(16));")

        self.assertEqual(reply["status"], "ok")
        created = [m for m in outputs if m["msg_type"] == "display_data"]
        self.assertEqual(len(created), 2, "progress and charts, one display each per fit")
        progress_id = created[0]["content"]["transient"]["display_id"]
        charts_id = created[1]["content"]["transient"]["display_id"]
        self.assertNotEqual(progress_id, charts_id)
        self.assertIn("<progress", created[0]["content"]["data"]["text/html"])
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        progress = [m["content"]["data"] for m in updates
                    if m["content"]["transient"]["display_id"] == progress_id]
        charts = [created[1]["content"]["data"]] + [
            m["content"]["data"] for m in updates
            if m["content"]["transient"]["display_id"] == charts_id]
        self.assertEqual(len(progress) + len(charts) + 1, len(updates) + 2)
        self.assertGreaterEqual(len(progress), 3)
        self.assertTrue(all("<img" not in p["text/html"] for p in progress),
                        "the progress text never carries the charts")
        htmls = [c["text/html"] for c in charts]
        self.assertEqual(len(htmls), len(set(htmls)), "charts are sent only when redrawn")
        # equal() weights never change: the loss chart and a line of text, no weight chart
        self.assertTrue(all(h.count("<img") == 1 for h in htmls))
        self.assertTrue(all("Task weights: all tasks 1 at every step (not charted)."
                            in c["text/plain"] for c in charts))
        self.assertTrue(all("E308" not in c["text/plain"] for c in charts))
        self.assertIn("30 points", charts[-1]["text/plain"])
        final = progress[-1]["text/plain"]
        self.assertIn("epoch 30/30", final)
        self.assertIn("task3", final)
        self.assertIn("Done: 30 epochs", final)
        cost = re.search(r"this view held training up for ([0-9.]+)% of it", final)
        self.assertIsNotNone(cost, final)
        sent = sum(len(m["content"]["data"].get("text/html", "")) for m in created + updates)
        png = sum(len(c["text/html"]) for c in charts)
        print(f"\nlive view cost: {cost.group(1)}% of the fit; {len(progress)} progress and"
              f" {len(charts)} chart messages, {sent} HTML characters ({100 * png // sent}%"
              " charts)")
        streams = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"]
        self.assertEqual([s for s in streams if not s.startswith("mtl4j: training on cpu()")],
                         [], "no console progress in a notebook, only the device, once")

    def test_quiet_fit_shows_nothing(self):
        reply, outputs = self.run_cell(
            "var quietModel = multiTask().input(numeric(\"x1\")).task(\"task1\")"
            ".head(dense(1)).loss(mse()).build();\n"
            "var quietRun = quietModel.fit(SeedExample.table(500, 1, 2), epochs(1), quiet());")

        self.assertEqual(reply["status"], "ok")
        self.assertEqual([m for m in outputs
                          if m["msg_type"] in ("display_data", "update_display_data", "stream")],
                         [])


if __name__ == "__main__":
    unittest.main()

"""The live training view through jupyter_client: one display, created once when fit() starts,
updated in place (update_display_data with the same display id), ending with the charts and the
view's own cost. Prints the measured cost of the view.

Run with JUPYTER_PATH pointing at a share/jupyter folder holding the mtl4j kernelspec.
"""
import re
import unittest

from mtl4j_kernel import SharedKernelTestCase


class LiveViewTests(SharedKernelTestCase):

    def test_fit_shows_one_display_updated_in_place_that_ends_with_the_charts(self):
        reply, outputs = self.run_cell(
            "var data = SeedExample.table(6000, 3, 1);\n"
            "var model = multiTask().input(numeric(\"x1\", \"x2\", \"x3\", \"x4\"))"
            ".trunk(dense(32), relu()).task(\"task1\").head(dense(1)).loss(mse())"
            ".task(\"task2\").head(dense(1)).loss(mse())"
            ".task(\"task3\").head(dense(1)).loss(mse()).build();\n"
            "var run = model.fit(data, epochs(30), batchSize(16));")

        self.assertEqual(reply["status"], "ok")
        created = [m for m in outputs if m["msg_type"] == "display_data"]
        updated = [m for m in outputs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(created), 1, "one live view per fit")
        display_id = created[0]["content"]["transient"]["display_id"]
        self.assertGreaterEqual(len(updated), 3)
        self.assertTrue(all(m["content"]["transient"]["display_id"] == display_id
                            for m in updated))
        self.assertIn("<progress", created[0]["content"]["data"]["text/html"])
        final = updated[-1]["content"]["data"]
        self.assertIn("data:image/png;base64,", final["text/html"])
        self.assertEqual(final["text/html"].count("<img"), 2)
        self.assertIn("epoch 30/30", final["text/plain"])
        self.assertIn("task3", final["text/plain"])
        cost = re.search(r"this view held training up for ([0-9.]+)% of it", final["text/plain"])
        self.assertIsNotNone(cost, final["text/plain"])
        print(f"\nlive view cost: {cost.group(1)}% of a {len(updated)}-update fit")
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

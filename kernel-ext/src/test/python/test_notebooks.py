"""Executes every tutorial in notebooks/ with nbclient through the installed mtl4j kernel and
checks that no cell fails, that the expected plots are there, and that each notebook's stated
conclusion holds for the values it computed, and that every number its prose states is the
figure it names (notebook_claims.py); check cells are appended and evaluated in the same kernel.

Environment: JUPYTER_PATH (share/jupyter with the mtl4j kernelspec), NOTEBOOKS_DIR (the
notebooks), OUTPUT_DIR (where the executed notebooks are written).
"""
import os
import unittest

import nbformat
from nbclient import NotebookClient

import notebook_claims

NOTEBOOKS = os.environ.get("NOTEBOOKS_DIR", "../../../../notebooks")
OUTPUT = os.environ.get("OUTPUT_DIR", "/tmp/mtl4j-notebooks")

# notebook: (minimum image/png outputs, Java conditions its conclusion states)
EXPECTED = {
    "01-quickstart": (1, [
        'run.history().epochs().size() == 40',
        'summary.doubleColumn("last / first").max() < 0.08',
        'summary.rowCount() == 5',
    ]),
    "02-reviews": (0, [
        'Math.abs(delta("sentiment")) <= 0.02',
        'Math.abs(delta("domain")) <= 0.02',
        'results.doubleColumn("multi-task").min() > 0.75',
    ]),
    "03-penguins": (1, [
        'speciesAccuracy > 0.97',
        'sexAccuracy > 0.8',
        'massError < 300',
        'run.history().lastEpoch().task("body_mass_g").trainLoss() < 0.1',
        'run.history().epochs().get(0).task("body_mass_g").trainLoss() < 2',
        'guesses.rowCount() == 9',
        'sameGuesses',
        'saved.bytes() == java.nio.file.Files.size(file)',
        'run.history().lastEpoch().task("sex").metrics().containsKey("accuracy")',
        # the class report on the held-out quarter agrees with the fit's validation accuracy
        'Math.abs(sexReport.accuracy() - sexAccuracy) < 1e-9',
        'sexReport.classes().equals(List.of("female", "male"))',
        # more males taken for females than the other way round
        'recall("male") < recall("female")',
    ]),
    "04-task-weighting": (2, [
        # task2 ×10 helps task2; task1 ×10 hurts task2 badly and does not help task1
        'figure("task2 ×10", "task2") < figure("equal", "task2")',
        'figure("task1 ×10", "task2") > 1.5 * figure("equal", "task2")',
        'figure("task1 ×10", "task1") >= figure("equal", "task1") - 0.005',
        # MGDA and IMTL-G beat equal weights on both tasks
        'figure("mgda", "task1") < figure("equal", "task1")'
        ' && figure("mgda", "task2") < figure("equal", "task2")',
        'figure("imtl", "task1") < figure("equal", "task1")'
        ' && figure("imtl", "task2") < figure("equal", "task2")',
        'figure("mgda", "sum") < figure("equal", "sum") - 0.03',
        # MGDA on the trunk output within 0.01 of MGDA
        'Math.abs(figure("mgda on trunk output", "sum") - figure("mgda", "sum")) < 0.01',
        # PCGrad, CAGrad, Nash-MTL, uncertainty, DWA within 0.02 of equal
        'java.util.stream.Stream.of("pcgrad", "cagrad", "nashMtl", "uncertainty", "dwa")'
        '.allMatch(s -> Math.abs(figure(s, "sum") - figure("equal", "sum")) < 0.02)',
        # RLW is the worst adaptive strategy
        'java.util.stream.Stream.of("uncertainty", "dwa", "gradNorm", "pcgrad", "mgda",'
        ' "cagrad", "imtl", "nashMtl").allMatch(s -> figure(s, "sum") <= figure("rlw", "sum"))',
        # GradNorm moved weight from task1 to task2
        'runs.get("gradNorm").history().lastEpoch().task("task2").weight()'
        ' > runs.get("gradNorm").history().lastEpoch().task("task1").weight()',
        'results.rowCount() == 13',
        # the newer strategies, by name (newerFigure, notebook_claims.HELPERS): DB-MTL lowest
        'newerResults.rowCount() == 9',
        'newerFigure("dbMtl", "sum") == newerResults.doubleColumn("sum").min()'
        ' && newerFigure("dbMtl", "sum") < results.doubleColumn("sum").min()',
        # DB-MTL, STCH, FairGrad and Aligned-MTL beat equal weights on both tasks
        'java.util.stream.Stream.of("alignedMtl", "dbMtl", "stch", "fairGrad").allMatch(s ->'
        ' newerFigure(s, "task1") < newerFigure("equal", "task1")'
        ' && newerFigure(s, "task2") < newerFigure("equal", "task2"))',
        # FAMO and GLS between Aligned-MTL and equal weights
        'java.util.stream.Stream.of("famo", "gls").allMatch(s ->'
        ' newerFigure(s, "sum") < newerFigure("equal", "sum")'
        ' && newerFigure(s, "sum") > newerFigure("alignedMtl", "sum"))',
        # UPGrad and GradVac within 0.01 of equal, with weights near ½ and near 1
        'java.util.stream.Stream.of("upgrad", "gradVac").allMatch(s ->'
        ' Math.abs(newerFigure(s, "sum") - newerFigure("equal", "sum")) < 0.01)',
        'Math.abs(newerRuns.get("upgrad").history().lastEpoch().task("task1").weight() - 0.5)'
        ' < 0.05 && Math.abs(newerRuns.get("gradVac").history().lastEpoch().task("task1")'
        '.weight() - 1) < 0.1',
        # STCH's and FairGrad's weights above 1
        'java.util.stream.Stream.of("stch", "fairGrad").allMatch(s ->'
        ' newerRuns.get(s).history().lastEpoch().task("task1").weight() > 1'
        ' && newerRuns.get(s).history().lastEpoch().task("task2").weight() > 1)',
    ]),
    "05-task-correlation": (2, [
        'runs.doubleColumn("test MSE").max() < 0.1',
        'results.rowCount() == 4',
        'Math.abs(mean("shared-bottom", "1.0") - mean("shared-bottom", "0.5"))'
        ' < Math.max(spread("shared-bottom", "1.0"), spread("shared-bottom", "0.5"))',
        'Math.abs(mean("MMoE", "1.0") - mean("MMoE", "0.5"))'
        ' < Math.max(spread("MMoE", "1.0"), spread("MMoE", "0.5"))',
        'Math.abs(mean("MMoE", "0.5") - mean("shared-bottom", "0.5"))'
        ' < Math.max(spread("MMoE", "0.5"), spread("shared-bottom", "0.5"))',
        'spread("MMoE", "1.0") < spread("shared-bottom", "1.0")'
        ' && spread("MMoE", "0.5") < spread("shared-bottom", "0.5")',
        'gateMax.doubleColumn("Sum [weight]").asList().stream()'
        '.allMatch(sum -> Math.abs(sum - 1) < 1e-4)',
        'gateMax.doubleColumn("Max [weight]").max() < 2.0 / 8',
    ]),
    "06-task-relations": (3, [
        # the planted structure: the pairs within, the grouping, the pairs hurting each other
        'smallestWithinPairs(narrowAffinity) > largestAcrossGroups(narrowAffinity)',
        'narrowGroups.best().groups().equals(List.of(List.of("a", "b"), List.of("c", "d"),'
        ' List.of("e")))',
        'narrowAffinity.value("a", "c") < 0 && narrowAffinity.value("a", "d") < 0'
        ' && narrowAffinity.value("d", "a") < 0 && narrowAffinity.value("c", "a") < 0',
        'cosine("a", "b") > 0 && cosine("c", "d") > 0 && cosine("a", "c") < 0'
        ' && cosine("a", "d") < 0 && conflictFraction("a", "c") > 0.9'
        ' && conflictFraction("a", "d") > 0.9',
        # the wide trunk: far smaller than the narrow one's pairs
        'largestOffDiagonal(wideAffinity) < smallestWithinPairs(narrowAffinity) / 10',
        # the penguins: small, no task hurting another beyond a trace
        'largestOffDiagonal(AffinityMatrix.of(penguinRun.history())) < 4e-4',
        'smallestOffDiagonal(AffinityMatrix.of(penguinRun.history())) > -1e-5',
        'penguinGroups.best().groups().contains(List.of("species", "sex"))',
        # the reviews: each task's step moves the other's loss at least 50 times less
        '50 * Math.abs(reviewAffinity.value("sentiment", "domain"))'
        ' < reviewAffinity.value("sentiment", "sentiment")'
        ' && 50 * Math.abs(reviewAffinity.value("domain", "sentiment"))'
        ' < reviewAffinity.value("domain", "domain")',
        # adding e: plain forgets, rehearsal keeps within 5% and transfers, frozen keeps exactly
        'worstOldRatio(plainReport) > 2',
        'worstOldRatio(rehearsedReport) < 1.05',
        'maeOf(rehearsedReport, "e", "withTask") < maeOf(rehearsedReport, "e", "baseline")',
        'Math.abs(worstOldRatio(frozenReport) - 1) < 1e-5',
        'maeOf(frozenReport, "e", "withTask") > 2 * maeOf(frozenReport, "e", "baseline")',
    ]),
    "07-recommendation": (3, [
        'runs.rowCount() == 9 && conversionRuns.rowCount() == 12',
        'runs.doubleColumn("click AUC").min() > 0.7'
        ' && runs.doubleColumn("conversion AUC").min() > 0.75',
        # architectures: means within 0.01, apart by less than 1.5 standard deviations
        'meanRange("click AUC") < 0.01 && meanRange("conversion AUC") < 0.01',
        'java.util.stream.Stream.of("MMoE", "PLE").allMatch(m -> java.util.stream.Stream.of('
        '"click AUC", "conversion AUC").allMatch(c -> Math.abs(mean(runs, m, c)'
        ' - mean(runs, "shared-bottom", c)) < 1.5 * Math.max(spread(runs, m, c),'
        ' spread(runs, "shared-bottom", c))))',
        # conversion | click: MMoE and PLE a little better, by less than 0.01 and their spread
        'java.util.stream.Stream.of("MMoE", "PLE").allMatch(m -> gainOverSharedBottom(m) > 0'
        ' && gainOverSharedBottom(m) < Math.min(0.01, spread(runs, m, "conversion | click AUC")))',
        # every seed: MMoE's gates near uniform; PLE's level-2 conversion gate leans on one expert
        # harder than the click gate beside it
        'gateMax.rowCount() == 3 * (2 + 5) && mmoeLargestShare() < 1.5',
        'java.util.stream.IntStream.rangeClosed(1, 3).allMatch(seed -> gateOf("PLE", 2,'
        ' "conversion", seed) > gateOf("PLE", 2, "click", seed))',
        # ESMM: far ahead of clicked rows only, mostly through the click, ahead of the product
        'all("ESMM") > all("clicked rows only") + 0.05',
        'all("clicked rows only × P(click)") - all("clicked rows only")'
        ' > 0.5 * (all("ESMM") - all("clicked rows only"))',
        'all("ESMM") - all("clicked rows only × P(click)") > Math.max('
        'spread(conversionRuns, "ESMM", ALL), spread(conversionRuns, "clicked rows only × P(click)",'
        ' ALL))',
        # no gain from the structure over the plain joint task
        'all("all impressions, no structure") > all("ESMM") - 0.005',
        # among clicks, the clicked-only model ranks conversions better than ESMM
        'amongClicks("clicked rows only") - amongClicks("ESMM")'
        ' > spread(conversionRuns, "clicked rows only", CLICKED)',
    ]),
    # two example grids, two weight charts, one loss chart (helpers: notebook_claims.HELPERS)
    "08-multimnist": (5, [
        'fitsTable.rowCount() == 18 && results.rowCount() == 6',
        # far above chance: multi-task means 0.7-0.8 on the left digit, 0.6-0.7 on the right,
        # every fit above 0.5
        'lowest("left") > 0.7 && highest("left") < 0.8'
        ' && lowest("right") > 0.6 && highest("right") < 0.7',
        'leftColumn.removeMissing().min() > 0.5 && rightColumn.removeMissing().min() > 0.5',
        # the right digit is the harder one for every model
        'weightingRuns().stream().allMatch(r -> mean(r, "right") < mean(r, "left"))'
        ' && single("right") < single("left")',
        # the single-task models have the higher mean on both digits, by under two s.d.
        'highest("left") < single("left") && highest("right") < single("right")',
        'single("left") - lowest("left") < 2 * highestSpread("left")'
        ' && single("right") - lowest("right") < 2 * highestSpread("right")',
        # the weightings' means within 4 points of each other on each digit, none further from
        # equal weights than twice the larger of the two spreads
        '100 * (highest("left") - lowest("left")) < 4'
        ' && 100 * (highest("right") - lowest("right")) < 4',
        'weightingRuns().stream().allMatch(r -> java.util.stream.Stream.of("left", "right")'
        '.allMatch(t -> Math.abs(mean(r, t) - mean("equal", t))'
        ' <= 2 * Math.max(spread(r, t), spread("equal", t))))',
        # MGDA-UB about even, PCGrad near 1, CAGrad near an even split
        'Math.abs(weightOf("MGDA-UB", "left") - 0.5) < 0.1'
        ' && Math.abs(weightOf("MGDA-UB", "right") - 0.5) < 0.1',
        'weightOf("PCGrad", "left") >= 1 && weightOf("PCGrad", "left") < 1.2'
        ' && weightOf("PCGrad", "right") >= 1 && weightOf("PCGrad", "right") < 1.2',
        'Math.abs(weightOf("CAGrad", "left") - weightOf("CAGrad", "right")) < 0.15',
        'grid.captions().size() == 32 && grid.wrong().stream().filter(w -> w).count() >= 8',
    ]),
    # streamed from Parquet, then on Spark local mode (helpers: notebook_claims.HELPERS)
    "09-scale-out": (0, [
        'compared.rowCount() == 3',
        # the streamed fit learns; more rows, better AUC
        'aucOf(STREAMED, "click") > 0.6 && aucOf(STREAMED, "conversion") > 0.65',
        'largerAuc("click") > aucOf(STREAMED, "click") + 0.05'
        ' && largerAuc("conversion") > aucOf(STREAMED, "conversion") + 0.05',
        # the live heap follows chunkRows and shuffleBuffer, not the file
        'larger.addedMiB() < 1.5 * streamed.addedMiB()',
        'smallerBuffer.addedMiB() < 0.6 * larger.addedMiB()',
        # syncEvery(1) within 0.01 of the streamed fit, syncEvery(8) a little below it
        'Math.abs(aucOf(SYNCHRONOUS, "click") - aucOf(STREAMED, "click")) < 0.01'
        ' && Math.abs(aucOf(SYNCHRONOUS, "conversion") - aucOf(STREAMED, "conversion")) < 0.01',
        'aucOf(AVERAGED, "click") < aucOf(SYNCHRONOUS, "click")'
        ' && aucOf(AVERAGED, "conversion") < aucOf(SYNCHRONOUS, "conversion")'
        ' && aucOf(AVERAGED, "click") > 0.6',
        # the synchronous fit waits about a second per step (49 steps) in Spark's barrier
        'synchronous.seconds() > 2 * averaged.seconds()'
        ' && synchronous.seconds() < 2.0 * streamed.run().history().steps().size()',
        # SparkPrediction.transform gives predict's probabilities
        'largestDifference < 1e-6',
        # the wide file: all its rows trained on in a second JVM, then deleted
        'fitFigure("rows") == 2_000_000 && fitFigure("steps") == 977 && wideFileDeleted',
        # larger than that JVM's heap and than its peak resident set (VmHWM)
        'wideMiB > 5 * fitFigure("heap max") && fitFigure("heap max") <= 128',
        'wideMiB > 1.2 * fitFigure("peak resident set")',
        # both losses finite and halved from the first 20 steps to the last 20
        'java.util.stream.Stream.of("click", "conversion").allMatch(t -> Double.isFinite('
        'fitFigure(t + " loss, first 20 steps")) && fitFigure(t + " loss, last 20 steps")'
        ' < 0.5 * fitFigure(t + " loss, first 20 steps"))',
    ]),
}


class NotebookTests(unittest.TestCase):

    def run_notebook(self, name):
        images, conditions = EXPECTED[name]
        path = os.path.join(NOTEBOOKS, name + ".ipynb")
        nb = nbformat.read(path, as_version=4)
        self.assertEqual(nb.metadata.kernelspec.name, "mtl4j")
        self.assertTrue(all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"),
                        "notebooks are committed without outputs")
        text = notebook_claims.prose(nb)
        claims = notebook_claims.CLAIMS.get(name, [])
        stated = [notebook_claims.stated_numbers(text, phrase) for phrase, _, _ in claims]
        self.assertEqual([phrase for (phrase, _, _), numbers in zip(claims, stated)
                          if numbers is None], [],
                         "phrases of notebook_claims.py that the prose no longer has")
        figures = [e for _, expressions, _ in claims for e in expressions]
        checks = [notebook_claims.HELPERS.get(name, "int noHelpers = 0;"),
                  "String.join(\",\", " + ", ".join(
                      f"String.valueOf({c})" for c in conditions) + ")",
                  "String.join(\";\", " + ", ".join(
                      f"String.valueOf((double) ({e}))" for e in figures or ["0"]) + ")"]
        nb.cells.extend(nbformat.v4.new_code_cell(c) for c in checks)
        client = NotebookClient(nb, kernel_name="mtl4j", timeout=900,
                                resources={"metadata": {"path": NOTEBOOKS}})
        client.execute()
        os.makedirs(OUTPUT, exist_ok=True)
        nbformat.write(nb, os.path.join(OUTPUT, name + ".ipynb"))

        outputs = [o for c in nb.cells[:-len(checks)] if c.cell_type == "code"
                   for o in c.outputs]
        errors = [o for o in outputs if o.output_type == "error"]
        self.assertEqual(errors, [], "no cell may fail")
        pngs = [o for o in outputs if "image/png" in o.get("data", {})]
        self.assertGreaterEqual(len(pngs), images)
        check_errors = [o for c in nb.cells[-len(checks):] for o in c.outputs
                        if o.output_type == "error"]
        self.assertEqual(check_errors, [], "the check cells run")
        verdict = nb.cells[-2].outputs[-1]["data"]["text/plain"]
        self.assertEqual(verdict.split(","), ["true"] * len(conditions),
                         f"conclusion checks {conditions}")
        values = iter(float(v) for v in nb.cells[-1].outputs[-1]["data"]["text/plain"]
                      .strip('"').split(";"))
        wrong = []
        for (phrase, expressions, tolerance), numbers in zip(claims, stated):
            for expression, written in zip(expressions, numbers):
                figure = next(values)
                if not notebook_claims.agrees(written, figure, tolerance):
                    wrong.append(f"{phrase!r}: the prose says {written}, {expression} is"
                                 f" {figure:.4g}")
        self.assertEqual(wrong, [], "numbers in the prose that are not the figures they name")
        return nb

    def test_01_quickstart(self):
        nb = self.run_notebook("01-quickstart")
        # The fit cell holds the live view's two outputs, each created once and then updated in
        # place by update_display_data: the progress (its saved state ends with the closing line)
        # and the charts (only once they have data): the loss chart, and for equal() weights,
        # which never change, a line of text instead of a weight chart, as the prose says.
        fit = next(c for c in nb.cells if c.cell_type == "code" and "model.fit(" in c.source)
        views = [o for o in fit.outputs if o.output_type == "display_data"]
        self.assertEqual(len(views), 2)
        progress, charts = views[0]["data"], views[1]["data"]
        self.assertIn("<progress", progress["text/html"])
        self.assertIn("Done: 40 epochs", progress["text/plain"])
        self.assertNotIn("<img", progress["text/html"])
        self.assertEqual(charts["text/html"].count("data:image/png;base64,"), 1)
        self.assertIn("task5 (validation): 40 points", charts["text/plain"])
        note = "Task weights: all tasks 1 at every step (not charted)."
        self.assertIn(note, charts["text/plain"])
        self.assertIn(note, charts["text/html"])
        prose = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
        self.assertIn(note.rstrip("."), prose)

    def test_02_reviews(self):
        nb = self.run_notebook("02-reviews")
        compare = next(c for c in nb.cells if c.cell_type == "code"
                       and c.source.strip().endswith("Charts.compare(compared)"))
        data = compare.outputs[-1]["data"]
        self.assertIn("data:image/png;base64,", data["text/html"])
        self.assertIn("&Delta; accuracy", data["text/html"])
        self.assertIn("validation loss: domain", data["text/plain"])

    def test_03_penguins(self):
        nb = self.run_notebook("03-penguins")
        report = next(c for c in nb.cells if c.cell_type == "code"
                      and "classReport(" in c.source)
        data = report.outputs[-1]["data"]
        self.assertIn("mtl4j-class-report", data["text/html"])
        self.assertIn("data:image/png;base64,", data["text/html"])
        self.assertIn("precision", data["text/plain"])

    def test_04_task_weighting(self):
        nb = self.run_notebook("04-task-weighting")
        compare = next(c for c in nb.cells if c.cell_type == "code"
                       and c.source.strip().endswith("Charts.compare(shown)"))
        html = compare.outputs[-1]["data"]["text/html"]
        self.assertIn("mtl4j-compare", html)
        self.assertIn("seconds_per_epoch", html)
        steps = next(c for c in nb.cells if c.cell_type == "code" and "weightChart" in c.source)
        self.assertFalse([o for o in steps.outputs if o["output_type"] == "execute_result"],
                         "no stray value (a display id) under the weight charts")
        titles = [o["data"]["text/plain"] for o in steps.outputs
                  if o["output_type"] == "display_data"]
        self.assertEqual(len(titles), 2, titles)
        self.assertTrue(titles[0].startswith("mgda: ") and titles[1].startswith("nashMtl: "),
                        titles)

    def test_05_task_correlation(self):
        nb = self.run_notebook("05-task-correlation")
        # the cell of quiet fits shows one progress bar, updated in place to its last state
        fits = next(c for c in nb.cells if c.cell_type == "code" and "progress(" in c.source)
        bars = [o for o in fits.outputs if o["output_type"] == "display_data"
                and "mtl4j-loop-progress" in o["data"].get("text/html", "")]
        self.assertEqual(len(bars), 1, [o["output_type"] for o in fits.outputs])
        self.assertRegex(bars[0]["data"]["text/plain"], r"^12/12 fits in \d+:\d\d$")

    def test_06_task_relations(self):
        nb = self.run_notebook("06-task-relations")
        # the heat maps are images with a text/plain title naming the power of ten
        heatmaps = [o["data"]["text/plain"] for c in nb.cells if c.cell_type == "code"
                    for o in c.outputs if "image/png" in o.get("data", {})]
        self.assertEqual(len(heatmaps), 3)
        self.assertTrue(all(t.startswith("Inter-task affinity") for t in heatmaps), heatmaps)

    def test_07_recommendation(self):
        nb = self.run_notebook("07-recommendation")
        # the loops of quiet fits each show one progress bar, in its last state
        bars = [o["data"]["text/plain"] for c in nb.cells if c.cell_type == "code"
                for o in c.outputs if o["output_type"] == "display_data"
                and "mtl4j-loop-progress" in o["data"].get("text/html", "")]
        self.assertEqual(len(bars), 2, bars)
        self.assertRegex(bars[0], r"^9/9 fits in \d+:\d\d$")
        self.assertRegex(bars[1], r"^3/3 seeds in \d+:\d\d$")
        # the gate charts: MMoE's one level, PLE's two, each with the uniform share
        gates = [o["data"]["text/plain"] for c in nb.cells if c.cell_type == "code"
                 for o in c.outputs if "image/png" in o.get("data", {})
                 and o["data"]["text/plain"].startswith("Mean gate weight per expert")]
        self.assertEqual(len(gates), 2, gates)
        self.assertIn("uniform 1/4", gates[0])
        self.assertIn("conversion (level 2)", gates[1])


    def test_08_multimnist(self):
        nb = self.run_notebook("08-multimnist")
        # the example grids are images whose text is the captions: left and right digit first,
        # then the true and predicted digits, a wrong prediction marked
        grids = [o["data"]["text/plain"] for c in nb.cells if c.cell_type == "code"
                 for o in c.outputs if "image/png" in o.get("data", {})
                 and o["data"]["text/plain"].startswith("image: ")]
        self.assertEqual(len(grids), 2, grids)
        self.assertTrue(grids[0].startswith("image: all 16 of 16 (digits)"), grids[0])
        self.assertRegex(grids[0], r"\n  [0-9] [0-9]  [0-9] [0-9]")
        self.assertTrue(grids[1].startswith("image: all 32 of 32 (true / predicted)"), grids[1])
        self.assertRegex(grids[1], r"[0-9] [0-9] / [0-9] [0-9] \u2260")
        # the 18 quiet fits show one progress bar, updated in place to its last state (the
        # evaluations inside the loop show none of their own, however long they take)
        fits = next(c for c in nb.cells if c.cell_type == "code" and "progress(" in c.source)
        bars = [o for o in fits.outputs if o["output_type"] == "display_data"
                and "mtl4j-loop-progress" in o["data"].get("text/html", "")]
        self.assertEqual(len(bars), 1)
        self.assertRegex(bars[0]["data"]["text/plain"], r"^18/18 fits in \d+:\d\d$")
        compare = next(c for c in nb.cells if c.cell_type == "code"
                       and c.source.strip().endswith("Charts.compare(compared)"))
        html = compare.outputs[-1]["data"]["text/html"]
        self.assertIn("mtl4j-compare", html)
        self.assertIn("&Delta; accuracy", html)


    def test_09_scale_out(self):
        nb = self.run_notebook("09-scale-out")
        # Spark's local mode ran in the kernel: the session counted the rows, and the
        # transformation's table was printed
        count = next(c for c in nb.cells if c.cell_type == "code"
                     and c.source.strip().endswith("impressions.count()"))
        self.assertEqual(count.outputs[-1]["data"]["text/plain"], "200000")
        shown = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                        and "SparkPrediction.transform" in c.source for o in c.outputs)
        self.assertIn("|click_probability_yes|", shown)
        self.assertIn("50000 rows scored", shown)
        # the second JVM's own output: its heap and its peak resident set, read on Linux
        fitted = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                         and "runInSmallJvm(programFile, wideFile)" in c.source
                         for o in c.outputs)
        self.assertIn("rows: 2000000\n", fitted)
        self.assertIn("heap max: 128 MiB\n", fitted)
        self.assertRegex(fitted, r"peak resident set: [0-9]+ MiB\n")


if __name__ == "__main__":
    unittest.main()

"""The numbers the tutorials' prose states, and the figures they name.

Each claim is a phrase of a notebook's Markdown with {} where a number stands, and one Java
expression per {} that computes, in the executed notebook's kernel, the figure the number
reports (found by task, strategy or model name, never by row index). The test finds the phrase,
reads the numbers (line breaks and spaces alike) and compares each with its figure: equal to within the number's last printed
digit, or within `tolerance` (relative) for run-to-run noise. A phrase that is gone fails the
test: the prose changed, so its claim must too.

Example: ("task2's validation MSE ({} → {})", ['figure("equal", "task2")', ...], 0.03)
"""
import re

NUMBER = r"([-+]?[0-9]+(?:\.[0-9]+)?)"

# helpers for the check cell, per notebook: Java declarations evaluated before the figures
HELPERS = {
    "06-task-relations": (
        'Row pair(String a, String b) { for (Row row : cosines) { if (row.getString("task_a")'
        '.equals(a) && row.getString("task_b").equals(b)) { return row; } }'
        ' throw new IllegalArgumentException(a + " " + b); }\n'
        'double cosine(String a, String b) { return pair(a, b).getDouble("Mean [cosine]"); }\n'
        'double conflictFraction(String a, String b) {'
        ' return pair(a, b).getDouble("Mean [conflict_fraction]"); }\n'
        'double smallestOffDiagonal(AffinityMatrix z) { double smallest = 0;'
        ' for (var from : z.tasks()) { for (var to : z.tasks()) { if (!from.equals(to)) {'
        ' smallest = Math.min(smallest, z.value(from, to)); } } } return smallest; }'),
    "02-reviews": (
        'double delta(String task) { return results.where(results.stringColumn("task")'
        '.isEqualTo(task)).doubleColumn("Δ multi − single").get(0); }'),
    "03-penguins": (
        'double recall(String sex) { var rows = sexReport.perClass(); return rows.where('
        'rows.stringColumn("class").isEqualTo(sex)).doubleColumn("recall").get(0); }'),
    "04-task-weighting": (
        'double figureIn(Table table, String strategy, String task) { var row = table.where('
        'table.stringColumn("strategy").isEqualTo(strategy)); return task.equals("sum")'
        ' ? row.doubleColumn("sum").get(0)'
        ' : row.doubleColumn(task + " validation MSE").get(0); }\n'
        'double figure(String strategy, String task) {'
        ' return figureIn(results, strategy, task); }\n'
        'double newerFigure(String strategy, String task) {'
        ' return figureIn(newerResults, strategy, task); }'),
    "07-recommendation": (
        'String ALL = "AUC, all impressions", CLICKED = "AUC, clicked impressions";\n'
        'double all(String way) { return mean(conversionRuns, way, ALL); }\n'
        'double amongClicks(String way) { return mean(conversionRuns, way, CLICKED); }\n'
        'double meanRange(String column) { var means = java.util.stream.Stream.of("shared-bottom",'
        ' "MMoE", "PLE").mapToDouble(m -> mean(runs, m, column)).toArray();'
        ' return Arrays.stream(means).max().getAsDouble() - Arrays.stream(means).min().getAsDouble(); }\n'
        'double gainOverSharedBottom(String model) { return mean(runs, model, "conversion | click AUC")'
        ' - mean(runs, "shared-bottom", "conversion | click AUC"); }\n'
        'double architectureSpread(boolean largest) { var spreads = java.util.stream.Stream.of('
        '"shared-bottom", "MMoE", "PLE").flatMapToDouble(m -> java.util.stream.DoubleStream.of('
        'spread(runs, m, "click AUC"), spread(runs, m, "conversion AUC"))).toArray();'
        ' return largest ? Arrays.stream(spreads).max().getAsDouble()'
        ' : Arrays.stream(spreads).min().getAsDouble(); }\n'
        'Table gateRows(String model, int level, String task) { return gateMax.where(gateMax'
        '.stringColumn("model").isEqualTo(model).and(gateMax.intColumn("level").isEqualTo(level))'
        '.and(gateMax.stringColumn("task").isEqualTo(task))); }\n'
        'double gateExtreme(String model, int level, String task, boolean largest) {'
        ' var weights = gateRows(model, level, task).doubleColumn("Max [weight]");'
        ' return largest ? weights.max() : weights.min(); }\n'
        'double gateOf(String model, int level, String task, int seed) {'
        ' var rows = gateRows(model, level, task);'
        ' return rows.where(rows.intColumn("seed").isEqualTo(seed)).doubleColumn("Max [weight]").get(0); }\n'
        'double mmoeLargestShare() { return 4 * Math.max(gateExtreme("MMoE", 1, "click", true),'
        ' gateExtreme("MMoE", 1, "conversion", true)); }'),
    "08-multimnist": (
        'List<String> weightingRuns() { return List.of("equal", "MGDA-UB", "PCGrad", "CAGrad"); }\n'
        'double lowest(String task) { return weightingRuns().stream()'
        '.mapToDouble(r -> mean(r, task)).min().getAsDouble(); }\n'
        'double highest(String task) { return weightingRuns().stream()'
        '.mapToDouble(r -> mean(r, task)).max().getAsDouble(); }\n'
        'double lowestSpread(String task) { return weightingRuns().stream()'
        '.mapToDouble(r -> spread(r, task)).min().getAsDouble(); }\n'
        'double highestSpread(String task) { return weightingRuns().stream()'
        '.mapToDouble(r -> spread(r, task)).max().getAsDouble(); }\n'
        'double weightOf(String run, String task) {'
        ' return curves.get(run).history().lastEpoch().task(task).weight(); }'),
    "09-scale-out": (
        'String STREAMED = "streamed from train.parquet", SYNCHRONOUS = "Spark local[2], syncEvery(1)",'
        ' AVERAGED = "Spark local[2], syncEvery(8)";\n'
        'double aucOf(String way, String task) { return figure(way, task, "auc"); }\n'
        'double largerAuc(String task) { return largerEvaluation.where(largerEvaluation'
        '.stringColumn("task").isEqualTo(task)).doubleColumn("auc").get(0); }'),
}

# notebook: [(phrase with {} per number, [Java expression per number], relative tolerance)]
CLAIMS = {
    "01-quickstart": [
        ("(last column: {}–{}% on this machine)",
         ['100 * summary.doubleColumn("last / first").min()',
          '100 * summary.doubleColumn("last / first").max()'], 0.15),
    ],
    "02-reviews": [
        ("(this run: {} points on sentiment, {} on domain)",
         ['100 * delta("sentiment")', '100 * delta("domain")'], 0.0),
    ],
    "03-penguins": [
        ("({}% accuracy in this run)", ["100 * speciesAccuracy"], 0.0),
        ("correctly more than four times in five ({}%;", ["100 * sexAccuracy"], 0.03),
        ("recall {} for males, {} for females", ['recall("male")', 'recall("female")'], 0.0),
        ("within about {} g on average", ["massError"], 0.08),
    ],
    "04-task-weighting": [
        ("lowers task2's validation MSE ({} → {})",
         ['figure("equal", "task2")', 'figure("task2 ×10", "task2")'], 0.03),
        ("small cost on task1 ({} → {})",
         ['figure("equal", "task1")', 'figure("task2 ×10", "task1")'], 0.03),
        ("does not help task1 ({})", ['figure("task1 ×10", "task1")'], 0.03),
        ("hurts task2 badly ({})", ['figure("task1 ×10", "task2")'], 0.03),
        ("MGDA (sum of validation MSEs {})", ['figure("mgda", "sum")'], 0.03),
        ("IMTL-G ({}) beat equal weights ({})",
         ['figure("imtl", "sum")', 'figure("equal", "sum")'], 0.03),
        ("within 0.01 of MGDA ({})", ['figure("mgda on trunk output", "sum")'], 0.03),
        ("the worst adaptive strategy ({})", ['figure("rlw", "sum")'], 0.03),
        ("GradNorm ({}) moves weight", ['figure("gradNorm", "sum")'], 0.03),
        ("(sum of validation MSEs {} against equal weights' {})",
         ['newerFigure("dbMtl", "sum")', 'newerFigure("equal", "sum")'], 0.03),
        ("and STCH ({}), FairGrad ({}) and Aligned-MTL ({}) also beat equal weights",
         ['newerFigure("stch", "sum")', 'newerFigure("fairGrad", "sum")',
          'newerFigure("alignedMtl", "sum")'], 0.03),
        ("FAMO ({}) and GLS ({}) land between",
         ['newerFigure("famo", "sum")', 'newerFigure("gls", "sum")'], 0.03),
    ],
    "06-task-relations": [
        ("(smallest {}) is larger than every affinity across the groups (largest {})",
         ["smallestWithinPairs(narrowAffinity)", "largestAcrossGroups(narrowAffinity)"], 0.0),
        ("the largest affinity between two tasks is {}:",
         ["largestOffDiagonal(wideAffinity)"], 0.0),
        ("every affinity is below {} and positive",
         ["Math.ceil(1e4 * largestOffDiagonal(AffinityMatrix.of(penguinRun.history()))) / 1e4"],
         0.0),
        ("test MAE {} times as large", ["worstOldRatio(plainReport)"], 0.0),
        ("within {}% of its MAE (worst ×{})",
         ["Math.ceil(100 * (worstOldRatio(rehearsedReport) - 1) / 5) * 5",
          "worstOldRatio(rehearsedReport)"], 0.0),
        ("from scratch ({} against {})",
         ['maeOf(rehearsedReport, "e", "withTask")', 'maeOf(rehearsedReport, "e", "baseline")'],
         0.0),
        ("reached only {}.", ['maeOf(frozenReport, "e", "withTask")'], 0.0),
    ],
    "05-task-correlation": [
        ("shared-bottom rises from about {} to {}",
         ['mean("shared-bottom", "1.0")', 'mean("shared-bottom", "0.5")'], 0.1),
        ("that of MMoE from about {} to {}",
         ['mean("MMoE", "1.0")', 'mean("MMoE", "0.5")'], 0.1),
        ("(about ±{} for shared-bottom, ±{} for MMoE)",
         ['Math.max(spread("shared-bottom", "1.0"), spread("shared-bottom", "0.5"))',
          'Math.max(spread("MMoE", "1.0"), spread("MMoE", "0.5"))'], 0.1),
    ],
    "07-recommendation": [
        ("only {}–{} % of impressions convert.",
         ['Math.floor(100 * share(trains.get(1), "conversion"))',
          'Math.ceil(100 * share(trains.get(1), "conversion"))'], 0.0),
        ("with {}–{} % of impressions converting",
         ['Math.floor(100 * share(trains.get(1), "conversion"))',
          'Math.ceil(100 * share(trains.get(1), "conversion"))'], 0.0),
        ("click: shared-bottom {}, MMoE {}, PLE {};",
         ['mean(runs, "shared-bottom", "click AUC")', 'mean(runs, "MMoE", "click AUC")',
          'mean(runs, "PLE", "click AUC")'], 0.01),
        ("conversion: {}, {}, {}),",
         ['mean(runs, "shared-bottom", "conversion AUC")', 'mean(runs, "MMoE", "conversion AUC")',
          'mean(runs, "PLE", "conversion AUC")'], 0.01),
        ("(±{} to ±{})", ["architectureSpread(false)", "architectureSpread(true)"], 0.3),
        ("(conversion | click AUC {} and {} against {})",
         ['mean(runs, "MMoE", "conversion | click AUC")',
          'mean(runs, "PLE", "conversion | click AUC")',
          'mean(runs, "shared-bottom", "conversion | click AUC")'], 0.015),
        ("spread across seeds (±{} and ±{})",
         ['spread(runs, "MMoE", "conversion | click AUC")',
          'spread(runs, "PLE", "conversion | click AUC")'], 0.3),
        ("more than {} times its share of 1/4", ["mmoeLargestShare()"], 0.05),
        ("(its largest weight {}–{}, {} to {} times its share of 1/3; the click gate's {}–{})",
         ['gateExtreme("PLE", 2, "conversion", false)', 'gateExtreme("PLE", 2, "conversion", true)',
          '3 * gateExtreme("PLE", 2, "conversion", false)',
          '3 * gateExtreme("PLE", 2, "conversion", true)',
          'gateExtreme("PLE", 2, "click", false)', 'gateExtreme("PLE", 2, "click", true)'], 0.1),
        ("only about {} conversions",
         ['trains.get(1).stringColumn("conversion").isEqualTo("yes").size()'], 0.05),
        ("about {} % of them", ['100 * share(trains.get(1), "click")'], 0.1),
        ("impressions (about {} rows;", ["clicked(trains.get(1)).rowCount()"], 0.05),
        ("(AUC {} against {} for ESMM)",
         ['all("clicked rows only")', 'all("ESMM")'], 0.01),
        ("brings it to {};", ['all("clicked rows only × P(click)")'], 0.01),
        ("ESMM adds about {} more",
         ['all("ESMM") - all("clicked rows only × P(click)")'], 0.3),
        ("the larger of their spreads (±{})",
         ['Math.max(spread(conversionRuns, "ESMM", ALL),'
          ' spread(conversionRuns, "clicked rows only × P(click)", ALL))'], 0.3),
        ("does as well ({}).", ['all("all impressions, no structure")'], 0.01),
        ("conversions better ({} ±", ['amongClicks("clicked rows only")'], 0.015),
        ("± {}) than ESMM's", ['spread(conversionRuns, "clicked rows only", CLICKED)'], 0.3),
        (r"\mid \text{click})$ ({} ±", ['amongClicks("ESMM")'], 0.015),
        ("± {}). In this generator", ['spread(conversionRuns, "ESMM", CLICKED)'], 0.5),
    ],
    "09-scale-out": [
        ("reaches a test AUC of {} on click and {} on conversion",
         ['aucOf(STREAMED, "click")', 'aucOf(STREAMED, "conversion")'], 0.01),
        ("after one epoch of {} large steps", ["streamed.run().history().steps().size()"], 0.0),
        ("times as many rows, {} and {};", ['largerAuc("click")', 'largerAuc("conversion")'],
         0.01),
        ("rose by about {} MiB during the fit on 200 000 rows and by about {} MiB on 800 000 rows",
         ["streamed.addedMiB()", "larger.addedMiB()"], 0.3),
        ("and by about {} MiB with a quarter", ["smallerBuffer.addedMiB()"], 0.3),
        ("takes only about {} MiB", ["tableMiB"], 0.2),
        ("reaches test AUCs of {} and {}, within 0.01",
         ['aucOf(SYNCHRONOUS, "click")', 'aucOf(SYNCHRONOUS, "conversion")'], 0.01),
        ("a little less ({} and {})",
         ['aucOf(AVERAGED, "click")', 'aucOf(AVERAGED, "conversion")'], 0.01),
        ("From a Parquet file of {} MiB", ["wideMiB"], 0.01),
        ("a JVM with a heap of {} MiB trained", ['fitFigure("heap max")'], 0.0),
        ("for one epoch of {} steps:", ['fitFigure("steps")'], 0.0),
        ("the file is {} times that heap", ['wideMiB / fitFigure("heap max")'], 0.01),
        ("and {} times the process's peak resident set of about {} MiB",
         ['wideMiB / fitFigure("peak resident set")', 'fitFigure("peak resident set")'], 0.15),
        ("The click loss fell from {} over the first 20 steps to {} over the last 20, the"
         " conversion loss from {} to {}.",
         ['fitFigure("click loss, first 20 steps")', 'fitFigure("click loss, last 20 steps")',
          'fitFigure("conversion loss, first 20 steps")',
          'fitFigure("conversion loss, last 20 steps")'], 0.05),
    ],
}


def prose(notebook):
    """The notebook's Markdown, cells joined by blank lines."""
    return "\n\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def stated_numbers(text, phrase):
    """The numbers that stand for {} in phrase, as written in text, or None if it is absent."""
    pattern = re.escape(" ".join(phrase.split())).replace(re.escape("{}"), NUMBER)
    match = re.search(pattern, " ".join(text.split()))
    return list(match.groups()) if match else None


def agrees(written, figure, tolerance):
    """Whether figure, rounded as written, is written, or within the relative tolerance."""
    decimals = len(written.split(".")[1]) if "." in written else 0
    number = float(written)
    return abs(figure - number) <= max(0.5 * 10 ** -decimals + 1e-12, tolerance * abs(number))

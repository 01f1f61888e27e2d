package org.mtl4j.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each README recipe should produce, as JShell expressions and their expected values: the
 * columns its comments name ({@code Table scores = ...; // task, rows, loss}) and the facts its
 * comments state, found by a phrase of the recipe. A recipe for which nothing is known fails
 * {@code ReadmeTest}: add its expectations here.
 *
 * <p>Example: {@code RecipeChecks.of("Table t = x.y();   // a, b")} is one check, {@code
 * t.columnNames()} equal to {@code [a, b]}.
 */
final class RecipeChecks {

    /**
     * One expectation.
     *
     * @param expression JShell code evaluated after the recipe
     * @param expected its value ({@code true} for conditions)
     */
    record Check(String expression, Object expected) {}

    private static final Pattern COLUMNS = Pattern.compile(
            "^Table (\\w+) = .*?//\\s*([\\w., …]+?)\\s*$", Pattern.MULTILINE);
    private static final Pattern RANGE = Pattern.compile("([a-z_]+)(\\d+)\\.\\.\\1(\\d+)");

    private RecipeChecks() {}

    /** The checks of {@code recipe}: its column comments, then the facts its phrases state. */
    static List<Check> of(String recipe) {
        List<Check> checks = new ArrayList<>();
        Matcher columns = COLUMNS.matcher(recipe);
        while (columns.find()) {
            checks.add(columnCheck(columns.group(1), columns.group(2)));
        }
        facts(recipe, checks);
        return checks;
    }

    /** {@code a, b, ...} is a prefix; {@code x1..x3} stands for x1, x2, x3. */
    private static Check columnCheck(String table, String comment) {
        List<String> names = new ArrayList<>();
        boolean prefix = false;
        for (String item : comment.split(",\\s*")) {
            Matcher range = RANGE.matcher(item);
            if (item.equals("...") || item.equals("…")) {
                prefix = true;
            } else if (range.matches()) {
                for (int i = Integer.parseInt(range.group(2));
                        i <= Integer.parseInt(range.group(3)); i++) {
                    names.add(range.group(1) + i);
                }
            } else {
                names.add(item);
            }
        }
        return prefix
                ? new Check(table + ".columnNames().subList(0, " + names.size() + ")", names)
                : new Check(table + ".columnNames()", names);
    }

    private static void facts(String recipe, List<Check> checks) {
        if (recipe.contains("ClassReport.of")) {
            checks.add(new Check("predictions.rowCount() == birds.rowCount()", true));
            checks.add(new Check("scores.stringColumn(\"task\").asList()",
                    List.of("species", "body_mass_g")));
            // three species from bill and flipper sizes: far better than the largest class (44 %)
            checks.add(new Check("scores.doubleColumn(\"accuracy\").get(0) > 0.7", true));
            checks.add(new Check("perClass.rowCount()", 3));
        }
        if (recipe.contains("penguins.mtl4j")) {
            checks.add(new Check("saved.toString().startsWith(\"Saved model to \" + file)", true));
            // loaded before its own fit: equal to the saved model's predictions, bit for bit
            checks.add(new Check("java.util.Arrays.equals(predictions.doubleColumn(\"body_mass_g\")"
                    + ".asDoubleArray(), model.predict(birds).doubleColumn(\"body_mass_g\")"
                    + ".asDoubleArray())", true));
        }
        if (recipe.contains("checkpoint(folder)")) {
            checks.add(new Check("java.nio.file.Files.isRegularFile(folder.resolve(\"last.mtl4j\"))"
                    + " && java.nio.file.Files.isRegularFile(folder.resolve(\"best.mtl4j\"))",
                    true));
            checks.add(new Check("why.isEmpty()", false));
            checks.add(new Check("rates.getSeriesMap().isEmpty()", false));
        }
        if (recipe.contains("sex stays missing for 9")) {
            checks.add(new Check("penguins.stringColumn(\"sex\").countMissing()", 9));
            checks.add(new Check("penguins.rowCount()", 342));
        }
        if (recipe.contains("MultiMnist.table")) {
            checks.add(new Check("predictions.rowCount()", 100));
            checks.add(new Check("scores.doubleColumn(\"accuracy\").min() > 0.1", true));
        }
        if (recipe.contains("history.csv")) {
            for (String file : List.of("loss.png", "weights.svg", "history.csv")) {
                checks.add(new Check("java.nio.file.Files.size(folder.resolve(\"" + file
                        + "\")) > 0", true));
            }
        }
        if (recipe.contains("embeddingBag(")) {
            // user and referrer read one table: 500 users + the reserved row
            checks.add(new Check("layout.contains(\"user_id: embedding(16) in table 'user_id' of"
                    + " 501 rows\") && layout.contains(\"referrer_id: embedding(16) in table"
                    + " 'user_id' of 501 rows\")", true));
            checks.add(new Check("layout.contains(\"-> 48 features\")", true));
            // the rating's spread is about 1.7; a per-user and per-item fit gets far below it
            checks.add(new Check("scores.doubleColumn(\"mae\").get(0) < 0.5", true));
        }
        if (recipe.contains("sgd(0.05)")) {
            checks.add(new Check("model.predict(SeedExample.table(7, 2, 3)).rowCount()", 7));
        }
        if (recipe.contains("gateWeights")) {
            // each task's softmax gate: its mean weights over the experts sum to 1
            checks.add(new Check("Math.abs(gates.where(gates.stringColumn(\"task\")"
                    + ".isEqualTo(\"y1\")).doubleColumn(\"weight\").sum() - 1) < 1e-5", true));
        }
        if (recipe.contains("Charts.compare")) {
            checks.add(new Check("new java.util.TreeSet<>(runs.keySet())",
                    new java.util.TreeSet<>(List.of("dwa", "equal"))));
            checks.add(new Check("results.rowCount()", 4));
        }
        if (recipe.contains("stepsTable")) {
            checks.add(new Check("weights.getSeriesMap().keySet()"
                    + ".containsAll(java.util.List.of(\"task1\", \"task2\"))", true));
            checks.add(new Check("steps.rowCount() == 2 * steps.intColumn(\"step\").countUnique()",
                    true));
        }
        if (recipe.contains("conflictMonitor()")) {
            // 3 pairs × 20 epochs; every(2) samples 5 of an epoch's 10 steps
            checks.add(new Check("conflicts.rowCount()", 60));
            checks.add(new Check("conflicts.intColumn(\"samples\").min() == 5", true));
            checks.add(new Check("conflicts.where(conflicts.intColumn(\"epoch\").isEqualTo(20))"
                    + ".doubleColumn(\"conflict_fraction\").max() == 1.0", true));
            checks.add(new Check("heat.getHeatMapSeries().getHeatData().size()", 9));
            checks.add(new Check("overTime.getSeriesMap().size()", 3));
        }
        if (recipe.contains("taskAffinity()")) {
            // 4 × 4 ordered pairs × 10 epochs; every(2) samples 5 of an epoch's 10 steps
            checks.add(new Check("affinity.rowCount()", 160));
            checks.add(new Check("affinity.intColumn(\"samples\").min() == 5", true));
            checks.add(new Check("average.tasks().size()", 4));
            checks.add(new Check("affinityHeat.getHeatMapSeries().getHeatData().size()", 12));
            checks.add(new Check("groups.best().groups().size()", 2));
            checks.add(new Check("groups.exhaustive() && groups.splitsScored() == 7", true));
            checks.add(new Check("groups.best().score() >= groups.runnerUp().score()", true));
            checks.add(new Check("groups.toString().startsWith(\"Best split into 2 groups\")",
                    true));
        }
        if (recipe.contains("TaskAddition.measure")) {
            // a frozen trunk and old heads without labels: the old tasks are exactly as before
            checks.add(new Check("forgetting.rowCount()", 6));
            checks.add(new Check("report.change(\"species\", \"accuracy\") == 0.0"
                    + " && Math.abs(report.change(\"sex\", \"loss\")) < 1e-6", true));
            checks.add(new Check("model.spec().taskNames().size()", 2));
            checks.add(new Check("extended.spec().taskNames().get(2)", "body_mass_g"));
        }
        if (recipe.contains("mgda().start")) {
            // MGDA's α: a point of the simplex, one per task
            checks.add(new Check("alphas.length", 2));
            checks.add(new Check("alphas[0] >= 0 && alphas[1] >= 0"
                    + " && Math.abs(alphas[0] + alphas[1] - 1) < 1e-5", true));
        }
    }
}

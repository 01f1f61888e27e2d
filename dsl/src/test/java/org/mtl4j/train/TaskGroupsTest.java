package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@Tag("unit")
class TaskGroupsTest {

    private static final double N = Double.NaN;

    /**
     * Two related pairs, {a, b} (0.5 both ways) and {c, d} (0.4), across −0.1 except c onto a
     * and b, −0.2. The 7 splits into 2 groups by hand (a task's score: mean affinity onto it
     * from its group's other members): {a,b}{c,d} 0.5 + 0.5 + 0.4 + 0.4 = 1.8; {a,b,d}{c}: a
     * (0.5 − 0.1) / 2 + b the same + d (−0.1 − 0.1) / 2 = 0.3; {a,b,c}{d}: 0.15 + 0.15 − 0.1 =
     * 0.2; {a}{b,c,d}: −0.15 + 0.15 + 0.15 = 0.15; {b}{a,c,d}: 0.15; {a,c}{b,d}: −0.1 − 0.2 −
     * 0.1 − 0.1 = −0.5; {a,d}{b,c}: −0.1 − 0.1 − 0.2 − 0.1 = −0.5.
     */
    private static AffinityMatrix pairs() {
        return new AffinityMatrix(List.of("a", "b", "c", "d"), new double[][] {
            {N, 0.5, -0.1, -0.1},
            {0.5, N, -0.1, -0.1},
            {-0.2, -0.2, N, 0.4},
            {-0.1, -0.1, 0.4, N}});
    }

    @Test
    void twoRelatedPairsAreTheBestSplitAndTheRunnerUpIsTheHandComputedOne() {
        GroupSuggestion suggestion = TaskGroups.suggest(pairs(), 2);

        assertThat(suggestion.best().groups()).containsExactly(List.of("a", "b"),
                List.of("c", "d"));
        assertThat(suggestion.best().score()).isCloseTo(1.8, within(1e-12));
        assertThat(suggestion.best().taskScores()).containsEntry("c", 0.4);
        assertThat(suggestion.runnerUp().groups()).containsExactly(List.of("a", "b", "d"),
                List.of("c"));
        assertThat(suggestion.runnerUp().score()).isCloseTo(0.3, within(1e-12));
        assertThat(suggestion.exhaustive()).isTrue();
        assertThat(suggestion.splitsScored()).as("Stirling number S(4, 2)").isEqualTo(7);
    }

    @Test
    void everyHandComputedSplitScoreMatches() {
        AffinityMatrix matrix = pairs();

        assertThat(TaskGroups.score(matrix, List.of(List.of("a", "b", "c"), List.of("d")))
                .score()).isCloseTo(0.2, within(1e-12));
        assertThat(TaskGroups.score(matrix, List.of(List.of("a"), List.of("b", "c", "d")))
                .score()).isCloseTo(0.15, within(1e-12));
        assertThat(TaskGroups.score(matrix, List.of(List.of("a", "c"), List.of("b", "d")))
                .score()).isCloseTo(-0.5, within(1e-12));
        assertThat(TaskGroups.score(matrix, List.of(List.of("d", "a"), List.of("c", "b")))
                .groups()).as("groups in task order").containsExactly(List.of("a", "d"),
                        List.of("b", "c"));
    }

    @Test
    void theDirectionCounts() {
        // a helps b a lot (a → b = 0.9) but b hurts a (b → a = −0.3); c and b are mildly good
        // for each other (0.2 both ways); a → c = c → a = 0
        AffinityMatrix matrix = new AffinityMatrix(List.of("a", "b", "c"), new double[][] {
            {N, 0.9, 0},
            {-0.3, N, 0.2},
            {0, 0.2, N}});

        GroupSuggestion suggestion = TaskGroups.suggest(matrix, 2);

        // {a,b}{c}: 0.9 − 0.3 = 0.6; {b,c}{a}: 0.4; {a,c}{b}: 0
        assertThat(suggestion.best().groups()).containsExactly(List.of("a", "b"), List.of("c"));
        assertThat(suggestion.best().score()).isCloseTo(0.6, within(1e-12));
        assertThat(suggestion.runnerUp().groups()).containsExactly(List.of("a"),
                List.of("b", "c"));
        assertThat(suggestion.runnerUp().score()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void oneGroupOrOneGroupPerTaskHasNoRunnerUp() {
        GroupSuggestion one = TaskGroups.suggest(pairs(), 1);
        GroupSuggestion all = TaskGroups.suggest(pairs(), 4);

        // one group: each task's mean over the other three, e.g. onto a (0.5 − 0.2 − 0.1) / 3
        assertThat(one.best().groups()).containsExactly(List.of("a", "b", "c", "d"));
        assertThat(one.best().score()).isCloseTo(4 * 0.2 / 3, within(1e-12));
        assertThat(one.runnerUp()).isNull();
        assertThat(all.best().groups()).hasSize(4);
        assertThat(all.best().score()).isZero();
        assertThat(all.runnerUp()).isNull();
        assertThat(all.toString()).contains("No runner-up: this is the only split into 4"
                + " groups.");
    }

    @Test
    void theExhaustiveSearchScoresEverySplitAndAgreesWithBruteForce() {
        Random random = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + random.nextInt(6);
            int k = 1 + random.nextInt(n);
            AffinityMatrix matrix = randomMatrix(n, random);

            GroupSuggestion suggestion = TaskGroups.suggest(matrix, k);

            List<Double> scores = bruteForce(matrix, k);
            scores.sort(java.util.Comparator.reverseOrder());
            assertThat(suggestion.splitsScored()).isEqualTo(scores.size());
            assertThat(suggestion.best().score()).isCloseTo(scores.get(0), within(1e-12));
            if (scores.size() > 1) {
                assertThat(suggestion.runnerUp().score()).isCloseTo(scores.get(1),
                        within(1e-12));
            }
        }
        assertThat(TaskGroups.suggest(randomMatrix(10, random), 5).splitsScored())
                .as("S(10, 5), the largest exhaustive search").isEqualTo(42_525);
    }

    @Test
    void beyondTenTasksAGreedySearchRecoversPlantedBlocks() {
        // 12 tasks in 3 blocks of 4, listed interleaved: affinity 0.3 to 0.5 within a block,
        // −0.2 to 0 across
        Random random = new Random(11);
        int n = 12;
        List<String> tasks = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            tasks.add("t" + t);
        }
        double[][] values = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                values[i][j] = i % 3 == j % 3 ? 0.3 + 0.2 * random.nextDouble()
                        : -0.2 * random.nextDouble();
            }
        }

        GroupSuggestion suggestion = TaskGroups.suggest(new AffinityMatrix(tasks, values), 3);

        assertThat(suggestion.exhaustive()).isFalse();
        assertThat(suggestion.best().groups()).containsExactly(
                List.of("t0", "t3", "t6", "t9"), List.of("t1", "t4", "t7", "t10"),
                List.of("t2", "t5", "t8", "t11"));
        assertThat(suggestion.runnerUp().score()).isLessThan(suggestion.best().score());
        assertThat(suggestion.toString()).startsWith("Best split into 3 groups (greedy search,");
    }

    @Test
    void theTextAndTableShowBothSplits() {
        GroupSuggestion suggestion = TaskGroups.suggest(pairs(), 2);

        assertThat(suggestion.toString()).isEqualTo("""
                Best split into 2 groups (exhaustive over 7 splits): total affinity 1.800
                  group 1: a, b   (a 0.5000, b 0.5000)
                  group 2: c, d   (c 0.4000, d 0.4000)
                Runner-up: total affinity 0.3000
                  group 1: a, b, d   (a 0.2000, b 0.2000, d -0.1000)
                  group 2: c   (c 0.000)
                """);
        Table table = suggestion.toTable();
        assertThat(table.columnNames()).containsExactly("split", "group", "task", "task_score",
                "split_score");
        assertThat(table.stringColumn("split").asList()).containsExactly("best", "best", "best",
                "best", "runner-up", "runner-up", "runner-up", "runner-up");
        assertThat(table.stringColumn("task").asList()).containsExactly("a", "b", "c", "d", "a",
                "b", "d", "c");
        assertThat(table.intColumn("group").asList()).containsExactly(1, 1, 2, 2, 1, 1, 1, 2);
    }

    @Test
    void aTableIsAveragedPerPairWeightedBySamples() {
        Table table = Table.create("affinity",
                IntColumn.create("epoch", 1, 1, 2, 2),
                StringColumn.create("from_task", "a", "b", "a", "b"),
                StringColumn.create("to_task", "b", "a", "b", "a"),
                DoubleColumn.create("affinity", 0.1, 0.2, 0.4, Double.NaN),
                IntColumn.create("samples", 1, 2, 3, 0));

        AffinityMatrix matrix = AffinityMatrix.of(table);

        assertThat(matrix.tasks()).containsExactly("a", "b");
        assertThat(matrix.value("a", "b")).isCloseTo((0.1 + 3 * 0.4) / 4, within(1e-12));
        assertThat(matrix.value("b", "a")).isCloseTo(0.2, within(1e-12));
        assertThat(matrix.value("a", "a")).isNaN();
        assertThat(TaskGroups.suggest(table, 1).best().score())
                .isCloseTo(0.325 + 0.2, within(1e-12));
        assertThat(matrix.only("b", "a").value("a", "b")).isEqualTo(matrix.value("a", "b"));
    }

    @Test
    void badInputIsRefusedWithTheFix() {
        assertThatThrownBy(() -> TaskGroups.suggest(pairs(), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskGroups.suggest needs 1 <= k <= 4 (the number of tasks)."
                        + " Received: k=5 for tasks [a, b, c, d]. Use a k between 1 and 4.");
        AffinityMatrix unknown = new AffinityMatrix(List.of("a", "b"),
                new double[][] {{N, 0.1}, {N, N}});
        assertThatThrownBy(() -> TaskGroups.suggest(unknown, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The affinity from 'b' onto 'a' is unknown. Received: NaN (no sampled"
                        + " step had labels for both). Fit longer, or sample every step with"
                        + " taskAffinity().");
        assertThatThrownBy(() -> new AffinityMatrix(List.of("a", "b"), new double[][] {{0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An affinity matrix needs one row and one column per task."
                        + " Received: 2 tasks [a, b] and 1 rows of lengths [1]. Give a 2 × 2"
                        + " array.");
        assertThatThrownBy(() -> TaskGroups.score(pairs(), List.of(List.of("a", "b"),
                List.of("c"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A split needs every task exactly once. Received: groups=[[a, b],"
                        + " [c]]; tasks: [a, b, c, d]. Put each task in one group.");
        assertThatThrownBy(() -> pairs().value("a", "z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The affinity matrix has no task 'z'. Received: z; tasks: [a, b, c,"
                        + " d]. Use one of those.");
    }

    private static AffinityMatrix randomMatrix(int n, Random random) {
        List<String> tasks = new ArrayList<>();
        double[][] values = new double[n][n];
        for (int i = 0; i < n; i++) {
            tasks.add("t" + i);
            for (int j = 0; j < n; j++) {
                values[i][j] = random.nextGaussian();
            }
        }
        return new AffinityMatrix(tasks, values);
    }

    /** Every assignment of n tasks to k labels with every label used, each split once. */
    private static List<Double> bruteForce(AffinityMatrix matrix, int k) {
        int n = matrix.tasks().size();
        java.util.Set<List<List<String>>> seen = new java.util.HashSet<>();
        List<Double> scores = new ArrayList<>();
        int[] labels = new int[n];
        long total = (long) Math.pow(k, n);
        for (long code = 0; code < total; code++) {
            long rest = code;
            for (int t = 0; t < n; t++) {
                labels[t] = (int) (rest % k);
                rest /= k;
            }
            List<List<String>> groups = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                List<String> group = new ArrayList<>();
                for (int t = 0; t < n; t++) {
                    if (labels[t] == g) {
                        group.add(matrix.tasks().get(t));
                    }
                }
                groups.add(group);
            }
            if (groups.stream().anyMatch(List::isEmpty)) {
                continue;
            }
            groups.sort(java.util.Comparator.comparing(g -> matrix.tasks().indexOf(g.get(0))));
            if (seen.add(groups)) {
                scores.add(TaskGroups.score(matrix, groups).score());
            }
        }
        return scores;
    }
}

package org.mtl4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Splits the tasks into k groups that maximise the total inter-task affinity, the network
 * selection of Fifty et al. 2021 ("Efficiently Identifying Task Groupings for Multi-Task
 * Learning", Section 3): in a group G a task j scores the mean affinity onto it from the other
 * members, {@code s_j = (1 / (|G| − 1)) Σ_{i ∈ G, i ≠ j} Ẑ_i→j} (0 for a task alone), and a split
 * scores {@code Σ_j s_j}. Here each task belongs to exactly one group (a partition into exactly k
 * non-empty groups); the paper's selection can also let groups overlap (a task trained in several
 * networks, counted where it scores best). The self-affinities (the diagonal) are not used.
 *
 * <p>Search: with up to {@value #EXHAUSTIVE_UP_TO} tasks every split into k groups is scored
 * (at most 42 525, for 10 tasks in 5 groups) and the runner-up is the second best. With more
 * tasks a greedy search runs: starting from one group per task, the two groups whose merge
 * scores best merge until k remain, then single tasks move or swap between groups while that
 * raises the score; the runner-up is then the best split one move or swap away. Greedy splits
 * are good, not proven best.
 *
 * <p>Example:
 *
 * <pre>{@code
 * TrainingRun run = model.fit(table, epochs(20), taskAffinity().every(2));
 * GroupSuggestion two = TaskGroups.suggest(run.history(), 2);   // the training average
 * two.best().groups();       // e.g. [[a, b], [c, d, e]]
 * two.best().score();        // the total affinity
 * two.runnerUp();            // the next best split
 * }</pre>
 */
public final class TaskGroups {

    /** The largest number of tasks searched exhaustively. */
    public static final int EXHAUSTIVE_UP_TO = 10;

    private TaskGroups() {}

    /** The best split of the history's tasks by their training-average affinity. */
    public static GroupSuggestion suggest(TrainingHistory history, int k) {
        return suggest(AffinityMatrix.of(history), k);
    }

    /** The best split by an affinity table's average (see {@link AffinityMatrix#of(Table)}). */
    public static GroupSuggestion suggest(Table affinityTable, int k) {
        return suggest(AffinityMatrix.of(affinityTable), k);
    }

    /**
     * The best split of the matrix's tasks into {@code k} groups, and the runner-up.
     *
     * @throws IllegalArgumentException when k is not between 1 and the number of tasks, or an
     *     affinity between two different tasks is NaN (never measured)
     */
    public static GroupSuggestion suggest(AffinityMatrix affinity, int k) {
        double[][] z = checked(affinity, k);
        SplitSearch search = new SplitSearch(z, k);
        if (z.length <= EXHAUSTIVE_UP_TO) {
            search.exhaustive(0, 0, new int[z.length]);
        } else {
            search.greedy();
        }
        List<String> tasks = affinity.tasks();
        return new GroupSuggestion(k, split(tasks, z, search.best),
                search.second == null ? null : split(tasks, z, search.second),
                z.length <= EXHAUSTIVE_UP_TO, search.scored);
    }

    /**
     * The score of a split given by hand.
     *
     * @param groups every task of the matrix exactly once
     */
    public static TaskSplit score(AffinityMatrix affinity, List<List<String>> groups) {
        double[][] z = checked(affinity, Math.max(1, Math.min(groups.size(),
                affinity.tasks().size())));
        List<String> tasks = affinity.tasks();
        int[] labels = new int[tasks.size()];
        java.util.Arrays.fill(labels, -1);
        for (int g = 0; g < groups.size(); g++) {
            for (String task : groups.get(g)) {
                int index = tasks.indexOf(task);
                if (index < 0 || labels[index] >= 0) {
                    throw new IllegalArgumentException("A split needs every task exactly once."
                            + " Received: groups=" + groups + "; tasks: " + tasks + ". Put each"
                            + " task in one group.");
                }
                labels[index] = g;
            }
        }
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("A split needs every task exactly once."
                        + " Received: groups=" + groups + "; tasks: " + tasks + ". Put each"
                        + " task in one group.");
            }
        }
        return split(tasks, z, labels);
    }

    private static double[][] checked(AffinityMatrix affinity, int k) {
        List<String> tasks = affinity.tasks();
        int n = tasks.size();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("TaskGroups.suggest needs 1 <= k <= " + n
                    + " (the number of tasks). Received: k=" + k + " for tasks " + tasks
                    + ". Use a k between 1 and " + n + ".");
        }
        double[][] z = affinity.values();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && Double.isNaN(z[i][j])) {
                    throw new IllegalArgumentException("The affinity from '" + tasks.get(i)
                            + "' onto '" + tasks.get(j) + "' is unknown. Received: NaN (no"
                            + " sampled step had labels for both). Fit longer, or sample every"
                            + " step with taskAffinity().");
                }
            }
        }
        return z;
    }

    /** Each task's score in the split {@code labels} (group number per task). */
    static double[] taskScores(double[][] z, int[] labels) {
        int n = labels.length;
        double[] scores = new double[n];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            int others = 0;
            for (int i = 0; i < n; i++) {
                if (i != j && labels[i] == labels[j]) {
                    sum += z[i][j];
                    others++;
                }
            }
            scores[j] = others == 0 ? 0 : sum / others;
        }
        return scores;
    }

    static double score(double[][] z, int[] labels) {
        double total = 0;
        for (double score : taskScores(z, labels)) {
            total += score;
        }
        return total;
    }

    private static TaskSplit split(List<String> tasks, double[][] z, int[] labels) {
        double[] scores = taskScores(z, labels);
        Map<Integer, List<String>> groups = new LinkedHashMap<>();
        Map<String, Double> taskScores = new LinkedHashMap<>();
        double total = 0;
        for (int t = 0; t < tasks.size(); t++) {
            groups.computeIfAbsent(labels[t], g -> new ArrayList<>()).add(tasks.get(t));
            taskScores.put(tasks.get(t), scores[t]);
            total += scores[t];
        }
        return new TaskSplit(new ArrayList<>(groups.values()), total, taskScores);
    }

    /** A score as text: 4 significant digits. */
    static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}

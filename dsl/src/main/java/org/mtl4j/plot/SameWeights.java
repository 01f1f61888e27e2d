package org.mtl4j.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tasks whose weights are the same at every step, drawn as one line on a weight chart: with
 * {@code equal()} weighting every task's line lies exactly on the others at 1, so the reader sees
 * one colour and cannot tell whether the others are hidden or missing. One line named after all
 * of them ("all tasks (a, b, c)", "a = b") says it instead, and the title says the value when it
 * never changes ("Task weights (all tasks 1 at every step)").
 *
 * <p>Example: {@code SameWeights.groups(new double[][] {{1, 1}, {1, 1}, {2, 2}})} is {@code [[0,
 * 1], [2]]}.
 */
final class SameWeights {

    /** Names listed in a line's name at most; more are counted ("all 7 tasks"). */
    static final int MAX_NAMES = 4;

    private SameWeights() {}

    /** Indices of the tasks with identical weight series, in task order, first occurrence first. */
    static List<int[]> groups(double[][] weights) {
        List<int[]> groups = new ArrayList<>();
        boolean[] taken = new boolean[weights.length];
        for (int t = 0; t < weights.length; t++) {
            if (taken[t]) {
                continue;
            }
            List<Integer> same = new ArrayList<>(List.of(t));
            for (int u = t + 1; u < weights.length; u++) {
                if (!taken[u] && Arrays.equals(weights[t], weights[u])) {
                    same.add(u);
                    taken[u] = true;
                }
            }
            groups.add(same.stream().mapToInt(Integer::intValue).toArray());
        }
        return groups;
    }

    /** The line's name: the task's name, "a = b" or "all tasks (a, b, c)" / "all 7 tasks". */
    static String name(List<String> tasks, int[] group) {
        if (group.length == 1) {
            return tasks.get(group[0]);
        }
        List<String> names = Arrays.stream(group).mapToObj(tasks::get).toList();
        if (group.length == tasks.size()) {
            return group.length <= MAX_NAMES ? "all tasks (" + String.join(", ", names) + ")"
                    : "all " + group.length + " tasks";
        }
        return group.length <= MAX_NAMES ? String.join(" = ", names)
                : names.get(0) + " and " + (group.length - 1) + " more";
    }

    /**
     * " (all tasks 1 at every step)" when every task has the same weight {@code c} at every step;
     * "" otherwise.
     */
    static String titleNote(double[][] weights, List<int[]> groups) {
        if (groups.size() != 1 || weights.length < 2 || weights[0].length == 0) {
            return "";
        }
        double first = weights[0][0];
        for (double w : weights[0]) {
            if (Double.compare(w, first) != 0) {
                return "";
            }
        }
        return " (all tasks " + AxisTicks.number(first, 4) + " at every step)";
    }

}

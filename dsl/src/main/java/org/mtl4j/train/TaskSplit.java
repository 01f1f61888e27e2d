package org.mtl4j.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A split of the tasks into groups (each task in exactly one) and its total inter-task affinity,
 * as {@link TaskGroups} scores it: a task's score is the mean affinity onto it from the other
 * members of its group ({@code (1 / (|G| − 1)) Σ_{i ∈ G, i ≠ j} Ẑ_i→j}, Fifty et al. 2021, Section
 * 3, network selection), 0 for a task alone; the split's score is the sum over tasks.
 *
 * <p>Example: {@code suggestion.best().groups()} is e.g. {@code [[a, b], [c, d, e]]}.
 *
 * @param groups the groups, each in the model's task order, ordered by their first task
 * @param score the total: the sum of {@code taskScores}
 * @param taskScores each task's score, in the model's task order
 */
public record TaskSplit(List<List<String>> groups, double score, Map<String, Double> taskScores) {

    /** Copies. */
    public TaskSplit {
        groups = groups.stream().map(List::copyOf).toList();
        taskScores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(taskScores));
    }

    /** The groups and the score on one line, e.g. {@code {a, b} {c, d, e}  total 0.0123}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (List<String> group : groups) {
            text.append('{').append(String.join(", ", group)).append("} ");
        }
        return text.append(" total ").append(TaskGroups.format(score)).toString();
    }
}

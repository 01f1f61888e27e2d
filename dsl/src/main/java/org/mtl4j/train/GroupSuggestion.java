package org.mtl4j.train;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link TaskGroups#suggest} found: the split of the tasks into k groups with the highest
 * total inter-task affinity, its runner-up, and how it was searched.
 *
 * <p>Example:
 *
 * <pre>{@code
 * GroupSuggestion groups = TaskGroups.suggest(run.history(), 2);
 * List<List<String>> best = groups.best().groups();
 * Table table = groups.toTable();   // split, group, task, task_score, split_score
 * System.out.println(groups);       // the two splits, one group a line
 * }</pre>
 *
 * @param k the number of groups
 * @param best the split with the highest score
 * @param runnerUp the second-highest split (exhaustive search) or the best neighbour of {@code
 *     best} (greedy search); null when there is only one split into k groups
 * @param exhaustive whether every split into k groups was scored (up to {@value
 *     TaskGroups#EXHAUSTIVE_UP_TO} tasks) or a greedy search ran
 * @param splitsScored how many splits were scored
 */
public record GroupSuggestion(int k, TaskSplit best, TaskSplit runnerUp, boolean exhaustive,
        long splitsScored) {

    /**
     * One row per split, group and task: {@code split} ("best", "runner-up"), {@code group}
     * (1-based), {@code task}, {@code task_score} (mean affinity onto the task from its group),
     * {@code split_score}.
     */
    public Table toTable() {
        StringColumn split = StringColumn.create("split");
        IntColumn group = IntColumn.create("group");
        StringColumn task = StringColumn.create("task");
        DoubleColumn taskScore = DoubleColumn.create("task_score");
        DoubleColumn splitScore = DoubleColumn.create("split_score");
        List<TaskSplit> splits = runnerUp == null ? List.of(best) : List.of(best, runnerUp);
        for (int s = 0; s < splits.size(); s++) {
            TaskSplit one = splits.get(s);
            for (int g = 0; g < one.groups().size(); g++) {
                for (String name : one.groups().get(g)) {
                    split.append(s == 0 ? "best" : "runner-up");
                    group.append(g + 1);
                    task.append(name);
                    taskScore.append(one.taskScores().get(name));
                    splitScore.append(one.score());
                }
            }
        }
        return Table.create("task groups, k = " + k, split, group, task, taskScore, splitScore);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("Best split into ").append(k).append(k == 1 ? " group" : " groups")
                .append(exhaustive ? " (exhaustive over " + splitsScored + " splits)"
                        : " (greedy search, " + splitsScored + " splits scored)")
                .append(": total affinity ").append(TaskGroups.format(best.score()))
                .append('\n');
        describe(text, best);
        if (runnerUp == null) {
            text.append("No runner-up: this is the only split into ").append(k)
                    .append(k == 1 ? " group." : " groups.").append('\n');
        } else {
            text.append("Runner-up: total affinity ").append(TaskGroups.format(runnerUp.score()))
                    .append('\n');
            describe(text, runnerUp);
        }
        return text.toString();
    }

    private static void describe(StringBuilder text, TaskSplit split) {
        for (int g = 0; g < split.groups().size(); g++) {
            List<String> group = split.groups().get(g);
            text.append("  group ").append(g + 1).append(": ").append(String.join(", ", group))
                    .append("   (");
            for (int t = 0; t < group.size(); t++) {
                text.append(t == 0 ? "" : ", ").append(group.get(t)).append(' ')
                        .append(TaskGroups.format(split.taskScores().get(group.get(t))));
            }
            text.append(")\n");
        }
    }
}
